using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>Logistic sigmoid, y = 1 / (1 + e^(−x)).</summary>
public sealed class Sigmoid<T> : ActivationLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // Forward: y = 1 / (1 + e^(−x))
    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<T> input, Span<T> output) => ElementwiseKernels.Sigmoid(input, output);

    // Backward: dx = dy·y·(1 − y)
    /// <inheritdoc />
    protected override void Derivative(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient) =>
        ElementwiseKernels.SigmoidDerivative(outputGradient, output, inputGradient);
}
