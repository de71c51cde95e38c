using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Metrics;

// Dimension key: C = classes, m = examples; scores are C × m with one column per example.

/// <summary>
/// The predicted class of one example, ŷⱼ = argmaxₖ sₖⱼ: the first k whose score is strictly greater than that of
/// every lower index, so ties go to the lowest index. A NaN never compares greater, so it is predicted only at
/// k = 0 (and then kept).
/// </summary>
public static class ArgMax
{
    /// <summary>argmaxₖ scores[k, <paramref name="column"/>] of a C × m matrix.</summary>
    public static int Column<T>(Matrix<T> scores, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Strided<T>(scores.Data, column, scores.Columns, scores.Rows);
    }

    /// <summary>argmaxₖ scores[k, <paramref name="column"/>] of a C × m array.</summary>
    public static int Column(double[,] scores, int column)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Strided<double>(RowMajor.Elements(scores), column, scores.GetLength(1), scores.GetLength(0));
    }

    // argmaxₖ data[first + k·stride] over k < count, ties to the lowest k
    private static int Strided<T>(ReadOnlySpan<T> data, int first, int stride, int count)
        where T : IComparisonOperators<T, T, bool>
    {
        int best = 0;
        for (int k = 1; k < count; k++)
        {
            if (data[first + (k * stride)] > data[first + (best * stride)])
            {
                best = k;
            }
        }

        return best;
    }
}
