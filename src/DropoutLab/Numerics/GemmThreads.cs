// Dimension key: a job is cut into Parts bands b = 0 … Parts − 1; band 0 runs on the caller, band h + 1 on helper h.
namespace DropoutLab.Numerics;

/// <summary>Work cut into independent bands that may run on different threads in any order.</summary>
internal interface IGemmBands
{
    /// <summary>Number of bands.</summary>
    int Parts { get; }

    /// <summary>Computes band <paramref name="part"/> on the calling thread.</summary>
    void Execute(int part);
}

/// <summary>
/// A small, fixed crew of background helper threads for <see cref="Gemm"/> (one crew per kind of work). The caller
/// computes band 0 and helper h computes band h + 1; nothing is allocated per call once the helpers exist, and each
/// helper keeps its own pack buffer for the life of the process. If another thread is already using the crew, the
/// caller computes every band itself (same bands, same result).
/// </summary>
/// <remarks>
/// <see cref="Run"/> returns or throws only after every band has finished, so no helper is still writing into the
/// caller's (pinned) memory. Failures of any bands are rethrown together as one <see cref="AggregateException"/>
/// (band order); an <see cref="OutOfMemoryException"/> on the caller's band propagates as is, after the wait.
/// </remarks>
internal static class GemmThreads<TBands>
    where TBands : struct, IGemmBands
{
    /// <summary>
    /// Spins (ending in yields) before a helper or the caller blocks: up to about 1 ms of CPU per idle wait, which
    /// catches the next call of a training loop without waking a parked core (128×784·784×1024 on 2 threads: median
    /// ≈ 140–165 → ≈ 185 GFLOP/s on a 2-vCPU VM).
    /// </summary>
    private const int SpinCount = 2047;

    private static readonly Lock Gate = new();
    private static Helper[] s_helpers = [];

    /// <summary>Executes every band of <paramref name="bands"/> and returns when all are done.</summary>
    public static void Run(in TBands bands)
    {
        if (bands.Parts == 1 || !Gate.TryEnter())
        {
            for (int part = 0; part < bands.Parts; part++)
            {
                bands.Execute(part);
            }

            return;
        }

        Exception? callerFailure = null;
        List<Exception>? failures = null;
        try
        {
            int helpers = bands.Parts - 1;
            if (s_helpers.Length < helpers)
            {
                Helper[] grown = new Helper[helpers];
                s_helpers.CopyTo(grown, 0);
                for (int h = s_helpers.Length; h < helpers; h++)
                {
                    grown[h] = new Helper(h);
                }

                s_helpers = grown;
            }

            for (int h = 0; h < helpers; h++)
            {
                s_helpers[h].Start(bands, h + 1);
            }

            try
            {
                bands.Execute(0);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                callerFailure = e;
            }
            finally
            {
                // Every started helper is waited for, whatever band 0 or any other band did.
                for (int h = 0; h < helpers; h++)
                {
                    s_helpers[h].Finish();
                }
            }

            if (callerFailure is not null)
            {
                (failures ??= []).Add(callerFailure);
            }

            for (int h = 0; h < helpers; h++)
            {
                if (s_helpers[h].Failure is { } failure)
                {
                    (failures ??= []).Add(failure);
                }
            }
        }
        finally
        {
            Gate.Exit();
        }

        if (failures is not null)
        {
            throw new AggregateException(failures);
        }
    }

    private sealed class Helper
    {
        private readonly ManualResetEventSlim _go = new(false, SpinCount);
        private readonly ManualResetEventSlim _done = new(false, SpinCount);
        private TBands _bands;
        private int _part;
        private Exception? _failure;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"DropoutLab GEMM helper {index}" };
            thread.Start();
        }

        public void Start(in TBands bands, int part)
        {
            _bands = bands;
            _part = part;
            _failure = null;
            _done.Reset();
            _go.Set();
        }

        /// <summary>What the last band threw, or null; read it after <see cref="Finish"/>.</summary>
        public Exception? Failure => _failure;

        /// <summary>Waits until the band started last has finished.</summary>
        public void Finish() => _done.Wait();

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                try
                {
                    _bands.Execute(_part);
                }
                catch (Exception e)
                {
                    _failure = e;
                }
                finally
                {
                    _done.Set();
                }
            }
        }
    }
}
