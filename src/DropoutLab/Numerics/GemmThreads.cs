namespace DropoutLab.Numerics;

/// <summary>
/// A small, fixed crew of background helper threads for <see cref="Gemm"/>. The caller computes band 0
/// and helper h computes band h + 1; nothing is allocated per call once the helpers exist, and each
/// helper keeps its own pack buffer for the life of the process. If another thread is already using the
/// crew, the caller computes every band itself (same bands, same result).
/// </summary>
internal static class GemmThreads
{
    private static readonly Lock Gate = new();
    private static Helper[] s_helpers = [];

    /// <summary>Executes every band of <paramref name="partition"/> and returns when all are done.</summary>
    public static void Run(in GemmPartition partition)
    {
        if (partition.Parts == 1 || !Gate.TryEnter())
        {
            for (int part = 0; part < partition.Parts; part++)
            {
                partition.Execute(part);
            }

            return;
        }

        try
        {
            int helpers = partition.Parts - 1;
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
                s_helpers[h].Start(partition, h + 1);
            }

            Exception? failure = null;
            try
            {
                partition.Execute(0);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure = e;
            }

            for (int h = 0; h < helpers; h++)
            {
                failure ??= s_helpers[h].Finish();
            }

            if (failure is not null)
            {
                throw new AggregateException(failure);
            }
        }
        finally
        {
            Gate.Exit();
        }
    }

    private sealed class Helper
    {
        private readonly SemaphoreSlim _go = new(0);
        private readonly ManualResetEventSlim _done = new(false);
        private GemmPartition _partition;
        private int _part;
        private Exception? _failure;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"DropoutLab GEMM helper {index}" };
            thread.Start();
        }

        public void Start(in GemmPartition partition, int part)
        {
            _partition = partition;
            _part = part;
            _failure = null;
            _done.Reset();
            _go.Release();
        }

        public Exception? Finish()
        {
            _done.Wait();
            return _failure;
        }

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                try
                {
                    _partition.Execute(_part);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
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
