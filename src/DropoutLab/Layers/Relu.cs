using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>Rectified linear unit, y = max(0, x).</summary>
public sealed class Relu<T> : ActivationLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // Forward: y = max(0, x)
    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<T> input, Span<T> output) => ElementwiseKernels.Relu(input, output);

    // Backward: dx = dy·[y > 0]  (the subgradient at 0 is taken as 0, as the course does)
    /// <inheritdoc />
    protected override void Derivative(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient) =>
        ElementwiseKernels.MaskByPositive(outputGradient, output, inputGradient);
}
