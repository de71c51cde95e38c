using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

// Dimension key: m = examples. Z (logits), A (probabilities), Y (0/1 labels) : 1 × m.

/// <summary>
/// Binary cross-entropy on a sigmoid output: A = σ(Z), J = (1/m)·Σⱼ [−yⱼ·ln aⱼ − (1 − yⱼ)·ln(1 − aⱼ)], with NaN
/// terms (0·ln 0 once a saturates) counted as zero like numpy's <c>nansum</c>. Its gradient with respect to the
/// logits is ∂(m·J)/∂Z = A − Y, which is why the sigmoid lives here and not in a separate layer.
/// </summary>
public sealed class SigmoidCrossEntropy<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private T[] _terms = [];

    /// <summary>A = σ(Z) = 1 / (1 + e^(−Z)), with the same bits wherever the buffers sit (see <see cref="ElementwiseKernels.Sigmoid{T}(ReadOnlySpan{T}, Span{T})"/>).</summary>
    public static void Probabilities(Matrix<T> logits, Matrix<T> probabilities)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(probabilities);
        ElementwiseKernels.Sigmoid<T>(logits.Data, probabilities.Data);
    }

    /// <summary>J = (1/m)·nansum(−y·ln a − (1 − y)·ln(1 − a)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T Cost(ReadOnlySpan<T> probabilities, ReadOnlySpan<T> labels)
    {
        if (probabilities.Length != labels.Length)
        {
            throw new ArgumentException("probabilities and labels differ in length.", nameof(labels));
        }

        int m = labels.Length;
        if (_terms.Length != m)
        {
            _terms = new T[m];
        }

        for (int j = 0; j < m; j++)
        {
            T a = probabilities[j];
            T y = labels[j];
            _terms[j] = (-PortableMath.Log(a) * y) + (-PortableMath.Log(T.One - a) * (T.One - y));
        }

        return T.One / T.CreateChecked(m) * PairwiseSum.NanSum<T>(_terms);
    }

    /// <summary>dZ = A − Y, the gradient of m·J with respect to the logits.</summary>
    public static void Gradient(ReadOnlySpan<T> probabilities, ReadOnlySpan<T> labels, Span<T> logitGradient) =>
        ElementwiseKernels.Subtract(probabilities, labels, logitGradient);
}
