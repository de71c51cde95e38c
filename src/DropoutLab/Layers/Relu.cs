using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>Rectified linear unit, y = max(0, x).</summary>
public sealed class Relu<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public int OutputSize(int inputSize) => inputSize;

    // Forward: y = max(0, x)
    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _output = Matrix<T>.Reuse(_output, input.Rows, input.Columns);
        ElementwiseKernels.Relu<T>(input.Data, _output.Data);
        return _output;
    }

    // Backward: dx = dy·[y > 0]  (the subgradient at 0 is taken as 0, as the course does)
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        Matrix<T> output = _output ?? throw new InvalidOperationException("Backward called before Forward.");
        _inputGradient = Matrix<T>.Reuse(_inputGradient, output.Rows, output.Columns);
        ElementwiseKernels.MaskByPositive(outputGradient.Data, output.Data, _inputGradient.Data);
        return _inputGradient;
    }
}
