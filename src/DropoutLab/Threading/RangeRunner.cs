namespace DropoutLab.Threading;

/// <summary>Runs an <see cref="IRangeBody"/> over [0, count) on up to the requested number of cores, on the <see cref="ThreadCrew"/>.</summary>
internal static class RangeRunner
{
    /// <summary>Partitions per worker, so a core slowed by other load does not hold back the rest.</summary>
    private const int PartitionsPerWorker = 4;

    /// <summary>
    /// Runs <paramref name="body"/> over [0, count): with d = <see cref="ThreadCrew.Degree"/>(<paramref name="maxDegreeOfParallelism"/>),
    /// P = min(4·d, ⌊count / <paramref name="minimumPartitionSize"/>⌋) ranges (<see cref="RangeParts{TBody}"/>) on
    /// min(d, P) threads; one call over the whole range when d = 1 or P ≤ 1.
    /// </summary>
    public static void Run<TBody>(in TBody body, int count, int minimumPartitionSize, int maxDegreeOfParallelism)
        where TBody : struct, IRangeBody
    {
        int degree = ThreadCrew.Degree(maxDegreeOfParallelism);
        int partitions = Math.Min(degree * PartitionsPerWorker, count / Math.Max(1, minimumPartitionSize));
        if (degree <= 1 || partitions <= 1)
        {
            body.Run(0, count);
            return;
        }

        ThreadCrew.Run(new RangeParts<TBody>(body, count, partitions), Math.Min(degree, partitions));
    }
}
