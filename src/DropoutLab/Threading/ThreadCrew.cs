// Dimension key: a job has Parts parts p = 0 … Parts − 1, run by the caller and up to (participants − 1) helpers.
namespace DropoutLab.Threading;

/// <summary>
/// The library's one crew of background helper threads (at most ProcessorCount − 1, started on first need and kept
/// for the life of the process), shared by the GEMM bands and the range kernels. In a run the caller and the
/// helpers claim parts one at a time until none is left; each part runs whole on one thread, so the result never
/// depends on which thread ran what. Nothing is allocated per run once the helpers exist, and each helper keeps its
/// own GEMM pack buffer. If another thread is using the crew, or the caller is itself inside a crew part, the
/// caller runs every part itself, in order (same parts, same result).
/// </summary>
/// <remarks>
/// <see cref="Run"/> returns or throws only after every part has finished, so no helper is still writing into the
/// caller's (pinned) memory. Failures of any parts are rethrown together as one <see cref="AggregateException"/>
/// (part order); an <see cref="OutOfMemoryException"/> on the caller's thread propagates as is, after the wait.
/// </remarks>
internal static class ThreadCrew
{
    /// <summary>
    /// Spins (ending in yields) before a helper or the caller blocks: up to about 1 ms of CPU per idle wait, which
    /// catches the next call of a training loop without waking a parked core (128×784·784×1024 on 2 threads: median
    /// ≈ 140–165 → ≈ 185 GFLOP/s on a 2-vCPU VM).
    /// </summary>
    private const int SpinCount = 2047;

    private static readonly Lock Gate = new();
    private static Helper[] s_helpers = [];

    /// <summary>
    /// The cores to use: all when <paramref name="maxDegreeOfParallelism"/> ≤ 0, never more than there are; one in
    /// the browser, whose runtime has no threads to start.
    /// </summary>
    public static int Degree(int maxDegreeOfParallelism) => OperatingSystem.IsBrowser() ? 1
        : maxDegreeOfParallelism <= 0
        ? Environment.ProcessorCount
        : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount);

    /// <summary>
    /// Executes every part of <paramref name="work"/> on the caller and up to
    /// min(<paramref name="participants"/>, Parts) − 1 helpers, and returns when all are done.
    /// </summary>
    public static void Run<TWork>(in TWork work, int participants)
        where TWork : struct, ICrewWork
    {
        CrewJob<TWork> job = CrewJob<TWork>.Shared;
        int helpers = Math.Min(participants, work.Parts) - 1;
        if (helpers <= 0 || OperatingSystem.IsBrowser() || Gate.IsHeldByCurrentThread || !Gate.TryEnter())
        {
            RunOnCaller(work);
            return;
        }

        List<Exception>? failures;
        try
        {
            Hire(helpers);
            job.Begin(work, helpers + 1);
            for (int h = 0; h < helpers; h++)
            {
                s_helpers[h].Start(job, h + 1);
            }

            try
            {
                job.Participate(0, rethrowOutOfMemory: true);
            }
            finally
            {
                // Every started helper is waited for, whatever any part did.
                for (int h = 0; h < helpers; h++)
                {
                    s_helpers[h].Finish();
                }
            }

            failures = job.Failures();
        }
        finally
        {
            job.End();
            Gate.Exit();
        }

        if (failures is not null)
        {
            throw new AggregateException(failures);
        }
    }

    // Every part in order on the calling thread; failures are collected as on the crew.
    private static void RunOnCaller<TWork>(in TWork work)
        where TWork : struct, ICrewWork
    {
        List<Exception>? failures = null;
        for (int part = 0; part < work.Parts; part++)
        {
            try
            {
                work.Execute(part);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException(failures);
        }
    }

    // Grows the crew to at least `helpers` threads; called with the gate held.
    private static void Hire(int helpers)
    {
        if (s_helpers.Length >= helpers)
        {
            return;
        }

        Helper[] grown = new Helper[helpers];
        s_helpers.CopyTo(grown, 0);
        for (int h = s_helpers.Length; h < helpers; h++)
        {
            grown[h] = new Helper(h);
        }

        s_helpers = grown;
    }

    private sealed class Helper
    {
        private readonly ManualResetEventSlim _go = new(false, SpinCount);
        private readonly ManualResetEventSlim _done = new(false, SpinCount);
        private CrewJob? _job;
        private int _participant;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"DropoutLab crew helper {index}" };
            thread.Start();
        }

        public void Start(CrewJob job, int participant)
        {
            _job = job;
            _participant = participant;
            _done.Reset();
            _go.Set();
        }

        /// <summary>Waits until the job started last has no part left running on this helper.</summary>
        public void Finish() => _done.Wait();

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                try
                {
                    _job?.Participate(_participant, rethrowOutOfMemory: false);
                }
                finally
                {
                    _done.Set();
                }
            }
        }
    }
}
