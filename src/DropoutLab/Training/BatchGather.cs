using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>Copies examples (rows of <see cref="LabeledData"/>) into the columns of a features × batch matrix.</summary>
internal static class BatchGather
{
    /// <summary>
    /// X[:, j] = (features of example order[start + j] − mean)/std for j &lt; count; columns count .. B−1 are zero
    /// (padding of a last, partial batch: columns are independent, so padding never changes the other columns).
    /// </summary>
    public static void Gather<T>(LabeledData data, ReadOnlySpan<int> order, int start, int count, Matrix<T> x, Span<int> labels, InputStandardization standardization)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < x.Columns; j++)
        {
            if (j < count)
            {
                int example = order[start + j];
                SetColumn(x, j, data.Example(example), standardization);
                labels[j] = data.Labels[example];
            }
            else
            {
                SetColumn(x, j, [], standardization);
                labels[j] = 0;
            }
        }
    }

    /// <summary>X[:, j] = (features of example start + j − mean)/std for j &lt; count; the other columns are zero.</summary>
    public static void Gather<T>(FeatureTable data, int start, int count, Matrix<T> x, InputStandardization standardization)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int j = 0; j < x.Columns; j++)
        {
            SetColumn(x, j, j < count ? data.Example(start + j) : [], standardization);
        }
    }

    // X[:, j] = (source − mean)/std, or 0 when source is empty
    private static void SetColumn<T>(Matrix<T> x, int j, ReadOnlySpan<float> source, InputStandardization standardization)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int features = x.Rows, batch = x.Columns;
        Span<T> destination = x.Data;
        for (int f = 0; f < features; f++)
        {
            destination[(f * batch) + j] = source.IsEmpty ? T.Zero : T.CreateTruncating((source[f] - standardization.Mean) / standardization.Std);
        }
    }
}
