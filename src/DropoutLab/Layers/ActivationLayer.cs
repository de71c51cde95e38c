using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>
/// An element-wise activation y = f(x) whose derivative can be read from its output y (ReLU, sigmoid, tanh):
/// backward dx = dy·f′ expressed through y. Holds the output and gradient buffers.
/// </summary>
public abstract class ActivationLayer<T> : ILayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Matrix<T>? _output;
    private MatrixCache<T> _outputBuffers;
    private Matrix<T>? _inputGradient;
    private MatrixCache<T> _inputGradientBuffers;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _output = _outputBuffers.Get(input.Rows, input.Columns);
        Apply(input.Data, _output.Data);
        return _output;
    }

    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        Matrix<T> output = _output ?? throw new InvalidOperationException("Backward called before Forward.");
        _inputGradient = _inputGradientBuffers.Get(output.Rows, output.Columns);
        Derivative(outputGradient.Data, output.Data, _inputGradient.Data);
        return _inputGradient;
    }

    /// <summary>yᵢ = f(xᵢ).</summary>
    protected abstract void Apply(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>dxᵢ = dyᵢ·f′ written in terms of yᵢ.</summary>
    protected abstract void Derivative(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient);
}
