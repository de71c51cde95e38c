namespace DropoutLab.Uci;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: the splits whose position in the run's split list is
/// ≡ Index (mod Count). A split is the protocol's smallest independent unit of work (its final training needs the
/// validation scores of its whole grid), so n shards run as n machines, a Slurm array or a Kubernetes indexed Job.
/// </summary>
/// <param name="Index">0 ≤ Index &lt; Count.</param>
/// <param name="Count">Shards in all, ≥ 1.</param>
public readonly record struct UciShard(int Index, int Count)
{
    /// <summary>The whole run: shard 0 of 1.</summary>
    public static UciShard All => new(0, 1);

    /// <summary>Whether this shard takes the unit at <paramref name="position"/>.</summary>
    public bool Takes(int position) => position % Count == Index;

    /// <summary>True when 0 ≤ Index &lt; Count.</summary>
    public bool IsValid => Count >= 1 && Index >= 0 && Index < Count;
}
