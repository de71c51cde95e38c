namespace DropoutLab.Threading;

/// <summary>Runs an <see cref="IRangeBody"/> over [0, count) on up to the requested number of cores.</summary>
internal static class RangeRunner
{
    /// <summary>Partitions per worker, so a core slowed by other load does not hold back the rest.</summary>
    private const int PartitionsPerWorker = 4;

    /// <summary>The cores to use: all when <paramref name="maxDegreeOfParallelism"/> ≤ 0.</summary>
    public static int Degree(int maxDegreeOfParallelism) => maxDegreeOfParallelism <= 0
        ? Environment.ProcessorCount
        : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount);

    /// <summary>
    /// Runs <paramref name="body"/> over [0, count) with partitions of at least
    /// <paramref name="minimumPartitionSize"/> indices; serial when that leaves one partition.
    /// </summary>
    public static void Run<TBody>(in TBody body, int count, int minimumPartitionSize, int maxDegreeOfParallelism)
        where TBody : struct, IRangeBody
    {
        int degree = Degree(maxDegreeOfParallelism);
        int partitions = Math.Min(degree * PartitionsPerWorker, count / Math.Max(1, minimumPartitionSize));
        if (degree <= 1 || partitions <= 1)
        {
            body.Run(0, count);
            return;
        }

        int workers = Math.Min(degree, partitions) - 1;
        RangeJob<TBody> job = RangeJob<TBody>.Rent();
        job.Start(body, count, partitions, workers);
        for (int worker = 0; worker < workers; worker++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }

        job.Participate();
        job.WaitForPartitions();
        job.Release();
    }
}
