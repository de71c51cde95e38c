using System.Numerics;
using DropoutLab.Metrics;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

// Dimension key: C = classes, m = examples. Z (logits), P (probabilities), dZ : C × m; labels yⱼ ∈ {0..C−1}.

/// <summary>
/// Softmax cross-entropy: pₖⱼ = e^(zₖⱼ − maxₖ zₖⱼ) / Σₖ e^(zₖⱼ − maxₖ zₖⱼ), loss of example j = −ln p_{yⱼ j}.
/// The gradient of the summed loss with respect to the logits is P − onehot(y).
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>Column-wise softmax of <paramref name="logits"/> into <paramref name="probabilities"/>.</summary>
    public static void Probabilities<T>(Matrix<T> logits, Matrix<T> probabilities)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(probabilities);
        int classes = logits.Rows, m = logits.Columns;
        for (int j = 0; j < m; j++)
        {
            T max = logits[0, j];
            for (int k = 1; k < classes; k++)
            {
                max = T.Max(max, logits[k, j]);
            }

            T sum = T.Zero;
            for (int k = 0; k < classes; k++)
            {
                T e = PortableMath.Exp(logits[k, j] - max);
                probabilities[k, j] = e;
                sum += e;
            }

            for (int k = 0; k < classes; k++)
            {
                probabilities[k, j] /= sum;
            }
        }
    }

    /// <summary>
    /// Σⱼ −ln p_{yⱼ j} over the examples (the summed loss): <see cref="MultiClassLogLoss.Sum{T}(Matrix{T}, ReadOnlySpan{int})"/>,
    /// whose clip only moves an underflowed p = 0 to the smallest positive T.
    /// </summary>
    public static double SumLoss<T>(Matrix<T> probabilities, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => MultiClassLogLoss.Sum(probabilities, labels);

    /// <summary>dZ = P − onehot(y), the gradient of the summed loss.</summary>
    public static void Gradient<T>(Matrix<T> probabilities, ReadOnlySpan<int> labels, Matrix<T> logitGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(logitGradient);
        probabilities.Data.AsSpan().CopyTo(logitGradient.Data);
        for (int j = 0; j < labels.Length; j++)
        {
            logitGradient[labels[j], j] -= T.One;
        }
    }
}
