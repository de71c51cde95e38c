using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Metrics;

// Dimension key: C = classes, m = examples. P : C × m softmax probabilities; labels yⱼ ∈ {0..C−1}.

/// <summary>
/// Multi-class log-loss (softmax cross-entropy of the true class): the summed loss Σⱼ −ln clip(p_{yⱼ j}) with the
/// <see cref="LogLossClipping"/> rule at ε = <see cref="LogLossClipping.SoftmaxEpsilon{T}"/> of the precision T the
/// probabilities were computed in, so only an underflowed p = 0 is moved (to the smallest positive T). Terms are
/// added in example order; the mean is the sum over m.
/// </summary>
public static class MultiClassLogLoss
{
    /// <summary>Σⱼ −ln clip(p_{yⱼ j}) over the first <c>labels.Length</c> columns of probabilities computed in T.</summary>
    public static double Sum<T>(Matrix<T> probabilities, ReadOnlySpan<int> labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return Sum<T>(probabilities.Data, probabilities.Columns, labels, LogLossClipping.SoftmaxEpsilon<T>());
    }

    /// <summary>
    /// Σⱼ −ln clip(p_{yⱼ j}) over the first <c>labels.Length</c> columns of probabilities computed in
    /// <typeparamref name="TPrecision"/> and widened to double.
    /// </summary>
    public static double Sum<TPrecision>(double[,] probabilities, ReadOnlySpan<int> labels)
        where TPrecision : IBinaryFloatingPointIeee754<TPrecision>
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return Sum<double>(RowMajor.Elements(probabilities), probabilities.GetLength(1), labels, LogLossClipping.SoftmaxEpsilon<TPrecision>());
    }

    // Σⱼ −ln clip(P[yⱼ, j]) with P[k, j] at k·columns + j
    private static double Sum<T>(ReadOnlySpan<T> probabilities, int columns, ReadOnlySpan<int> labels, double epsilon)
        where T : INumberBase<T>
    {
        double total = 0;
        for (int j = 0; j < labels.Length; j++)
        {
            double probability = double.CreateTruncating(probabilities[(labels[j] * columns) + j]);
            total -= PortableMath.Log(LogLossClipping.Clip(probability, epsilon));
        }

        return total;
    }
}
