using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

// Dimension key: C = outputs of the network, m = examples. Z (logits), P (probabilities), dZ : C × m; labels : m.

/// <summary>
/// The output non-linearity and its cross-entropy loss, as the trainer needs them: probabilities from logits, and
/// the gradient of the summed per-example loss with respect to the logits, which for both heads is P − target.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface ILossHead<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>P = f(Z), column by column.</summary>
    void Probabilities(Matrix<T> logits, Matrix<T> probabilities);

    /// <summary>dZ = ∂(Σⱼ lossⱼ)/∂Z for the labels yⱼ of the m examples.</summary>
    void Gradient(Matrix<T> probabilities, ReadOnlySpan<int> labels, Matrix<T> logitGradient);
}
