using DropoutLab.Numerics;

namespace DropoutLab.Data;

/// <summary>Deterministic train/test splits of one dataset, keeping the file order within each part.</summary>
public static class DatasetSplit
{
    /// <summary>
    /// Row i (0-based, in file order) goes to the test set when i mod <paramref name="n"/> = n − 1, every other row to
    /// the training set: with n = 4, rows 3, 7, 11, … (a quarter) are the test set. The parts' sources are
    /// "<c>source</c> (train)" and "<c>source</c> (test)".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 2.</exception>
    /// <exception cref="DataFormatException">Either part would be empty (fewer than <paramref name="n"/> rows); the message names the source.</exception>
    public static (Dataset Train, Dataset Test) EveryNth(Dataset all, int n = 4)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        if (all.Count < n)
        {
            throw new DataFormatException($"has {all.Count} data row(s); every {n}th row is held out for testing, so at least {n} are needed.", all.Source);
        }

        int testCount = all.Count / n;
        var trainColumns = new List<int>(all.Count - testCount);
        var testColumns = new List<int>(testCount);
        for (int i = 0; i < all.Count; i++)
        {
            (i % n == n - 1 ? testColumns : trainColumns).Add(i);
        }

        return (Take(all, trainColumns, $"{all.Source} (train)"), Take(all, testColumns, $"{all.Source} (test)"));
    }

    private static Dataset Take(Dataset all, List<int> columns, string source)
    {
        var features = new Matrix<double>(all.FeatureCount, columns.Count);
        var labels = new int[columns.Count];
        for (int j = 0; j < columns.Count; j++)
        {
            for (int f = 0; f < all.FeatureCount; f++)
            {
                features[f, j] = all.Features[f, columns[j]];
            }

            labels[j] = all.Labels[columns[j]];
        }

        return new Dataset(features, labels, all.ClassCount, source);
    }
}
