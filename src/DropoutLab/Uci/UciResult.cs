namespace DropoutLab.Uci;

/// <summary>
/// The protocol's results on the splits a run (or the merge of several shards) took, in split order, with their
/// summary over the splits: mean ± standard error of the RMSE, the Monte-Carlo RMSE and the log-likelihood.
/// </summary>
public sealed class UciResult
{
    /// <summary>Creates the result; the splits are sorted by index.</summary>
    /// <exception cref="ArgumentException">No splits, or a split twice.</exception>
    public UciResult(UciRunDescription run, IEnumerable<UciSplitResult> splits, double seconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(splits);
        UciSplitResult[] sorted = [.. splits.OrderBy(split => split.Split)];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("a result needs at least one split.", nameof(splits));
        }

        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Split == sorted[i - 1].Split)
            {
                throw new ArgumentException($"split {sorted[i].Split} appears twice.", nameof(splits));
            }
        }

        Run = run;
        Splits = sorted;
        Seconds = seconds;
        Rmse = MeanWithError.Of([.. sorted.Select(split => split.Rmse)]);
        McRmse = MeanWithError.Of([.. sorted.Select(split => split.McRmse)]);
        LogLikelihood = MeanWithError.Of([.. sorted.Select(split => split.LogLikelihood)]);
    }

    /// <summary>What was run.</summary>
    public UciRunDescription Run { get; }

    /// <summary>Per split, in index order.</summary>
    public IReadOnlyList<UciSplitResult> Splits { get; }

    /// <summary>Wall-clock seconds (a merge: the sum of its parts).</summary>
    public double Seconds { get; }

    /// <summary>Test RMSE of the deterministic prediction over the splits.</summary>
    public MeanWithError Rmse { get; }

    /// <summary>Test RMSE of the Monte-Carlo mean over the splits.</summary>
    public MeanWithError McRmse { get; }

    /// <summary>Test log-likelihood over the splits.</summary>
    public MeanWithError LogLikelihood { get; }

    /// <summary>The published values when the data set is one of the known five, else null.</summary>
    public UciPublished? Published => UciPublished.For(Run.Dataset);

    /// <summary>
    /// Combines the results of shards of one run (same data set and settings, disjoint splits) into the result the
    /// unsharded run gives: the same splits, bit for bit, and so the same summary.
    /// </summary>
    /// <exception cref="ArgumentException">No parts, parts of different runs (the message names the first difference), or a split in two parts.</exception>
    public static UciResult Merge(IReadOnlyList<UciResult> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("nothing to merge.", nameof(parts));
        }

        UciRunDescription first = parts[0].Run;
        for (int i = 1; i < parts.Count; i++)
        {
            if (first.Difference(parts[i].Run) is { } difference)
            {
                throw new ArgumentException($"part {i + 1} is of another run: {difference}.", nameof(parts));
            }
        }

        return new UciResult(first with { Shard = UciShard.All }, parts.SelectMany(part => part.Splits), parts.Sum(part => part.Seconds));
    }
}
