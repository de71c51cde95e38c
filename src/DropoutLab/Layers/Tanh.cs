using System.Numerics;

namespace DropoutLab.Layers;

/// <summary>Hyperbolic tangent, y = tanh(x).</summary>
public sealed class Tanh<T> : ActivationLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // Forward: y = tanh(x), element by element (reproducible bits wherever the buffers sit)
    /// <inheritdoc />
    protected override void Apply(ReadOnlySpan<T> input, Span<T> output)
    {
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = T.Tanh(input[i]);
        }
    }

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
