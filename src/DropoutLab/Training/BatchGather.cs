using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>Copies examples (rows of <see cref="LabeledData"/>) into the columns of a features × batch matrix.</summary>
internal static class BatchGather
{
    /// <summary>
    /// X[:, j] = features of example order[start + j] for j &lt; count; columns count .. B−1 are zero (padding of a
    /// last, partial batch: columns are independent, so padding never changes the other columns' outputs).
    /// </summary>
    public static void Gather<T>(LabeledData data, ReadOnlySpan<int> order, int start, int count, Matrix<T> x, Span<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int features = data.FeatureCount, batch = x.Columns;
        Span<T> destination = x.Data;
        for (int j = 0; j < batch; j++)
        {
            if (j < count)
            {
                int example = order[start + j];
                ReadOnlySpan<float> source = data.Example(example);
                for (int f = 0; f < features; f++)
                {
                    destination[(f * batch) + j] = T.CreateTruncating(source[f]);
                }

                labels[j] = data.Labels[example];
            }
            else
            {
                for (int f = 0; f < features; f++)
                {
                    destination[(f * batch) + j] = T.Zero;
                }

                labels[j] = 0;
            }
        }
    }
}
