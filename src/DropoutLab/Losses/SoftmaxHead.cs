using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

// Dimension key: C = classes, m = examples. Z, P, dZ : C × m; labels yⱼ ∈ {0..C−1}.

/// <summary>C softmax outputs with categorical cross-entropy (see <see cref="SoftmaxCrossEntropy"/>): dZ = P − onehot(y).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SoftmaxHead<T> : ILossHead<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public void Probabilities(Matrix<T> logits, Matrix<T> probabilities) => SoftmaxCrossEntropy.Probabilities(logits, probabilities);

    /// <inheritdoc/>
    public void Gradient(Matrix<T> probabilities, ReadOnlySpan<int> labels, Matrix<T> logitGradient) =>
        SoftmaxCrossEntropy.Gradient(probabilities, labels, logitGradient);
}
