using System.Numerics;
using System.Numerics.Tensors;

namespace DropoutLab.Layers;

/// <summary>Hyperbolic tangent, y = tanh(x).</summary>
public sealed class Tanh<T> : ActivationLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Forward: y = tanh(x)
    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<T> input, Span<T> output) => TensorPrimitives.Tanh(input, output);

    // Backward: dx = dy·(1 − y²)
    /// <inheritdoc />
    protected override void Derivative(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient)
    {
        for (int i = 0; i < inputGradient.Length; i++)
        {
            inputGradient[i] = outputGradient[i] * (T.One - (output[i] * output[i]));
        }
    }
}
