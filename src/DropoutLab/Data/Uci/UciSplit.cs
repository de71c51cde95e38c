namespace DropoutLab.Data;

/// <summary>
/// One train/test split of a <see cref="UciDataset"/>: 0-based row numbers in the order of the split's index files
/// (Hernández-Lobato and Adams, ICML 2015, as published with Gal and Ghahramani's experiments).
/// </summary>
/// <param name="Index">K of index_train_K.txt and index_test_K.txt.</param>
/// <param name="TrainRows">The training rows, in file order.</param>
/// <param name="TestRows">The test rows, in file order.</param>
public sealed record UciSplit(int Index, IReadOnlyList<int> TrainRows, IReadOnlyList<int> TestRows)
{
    /// <summary>The share of the training rows, from the end, that the protocol holds out for validation (20%).</summary>
    public const double ValidationShare = 0.2;

    /// <summary>
    /// The first ⌊0.8·n⌋ of the n training rows (in file order), on which each grid point is trained before it is
    /// scored on <see cref="ValidationRows"/> — the authors' <c>int(0.8 * n)</c>.
    /// </summary>
    public IReadOnlyList<int> FitRows => [.. TrainRows.Take(FitCount)];

    /// <summary>The last n − ⌊0.8·n⌋ training rows, in file order.</summary>
    public IReadOnlyList<int> ValidationRows => [.. TrainRows.Skip(FitCount)];

    private int FitCount => (int)((1.0 - ValidationShare) * TrainRows.Count);
}
