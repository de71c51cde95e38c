using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>
/// Scaled exponential linear unit: selu(x) = λ·x for x &gt; 0 and λ·α·(eˣ − 1) otherwise, with λ ≈ 1.0507009873554805
/// and α ≈ 1.6732632423543772 (Klambauer, Unterthiner, Mayr and Hochreiter, "Self-Normalizing Neural Networks",
/// NeurIPS 2017). Backward: dx = dy·λ for x &gt; 0 and dy·λ·α·eˣ otherwise, read from the output as dy·(y + λ·α).
/// </summary>
/// <remarks>
/// With weights drawn from LeCun's normal N(0, 1/fan_in) (<c>MlpNetwork.Create</c> with <c>initGain</c> 1), mean 0 and
/// variance 1 is an attracting fixed point of every layer's activations; <see cref="AlphaDropout{T}"/> keeps that
/// fixed point under dropout, so it needs SELU and LeCun-normal weights (with ReLU or He weights it does not hold).
/// eˣ is <c>PortableMath.Exp</c>, the same bits on every CPU and at every register width (<c>SeluOperator</c>).
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Selu<T> : ActivationLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // Forward: y = λ·x for x > 0, λα·(eˣ − 1) otherwise
    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<T> input, Span<T> output) => ElementwiseKernels.Selu(input, output);

    // Backward: f′ = λ where y > 0, λα·eˣ = y + λα otherwise
    /// <inheritdoc />
    protected override void Derivative(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient) =>
        ElementwiseKernels.SeluDerivative(outputGradient, output, inputGradient);
}
