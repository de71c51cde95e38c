using System.Numerics;
using System.Numerics.Tensors;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>Logistic sigmoid, y = 1 / (1 + e^(−x)).</summary>
public sealed class Sigmoid<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public int OutputSize(int inputSize) => inputSize;

    // Forward: y = 1 / (1 + e^(−x))
    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _output = Matrix<T>.Reuse(_output, input.Rows, input.Columns);
        TensorPrimitives.Sigmoid<T>(input.Data, _output.Data);
        return _output;
    }

    // Backward: dx = dy·y·(1 − y)
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        Matrix<T> y = _output ?? throw new InvalidOperationException("Backward called before Forward.");
        _inputGradient = Matrix<T>.Reuse(_inputGradient, y.Rows, y.Columns);
        Span<T> dx = _inputGradient.Data;
        for (int i = 0; i < dx.Length; i++)
        {
            T yi = y.Data[i];
            dx[i] = outputGradient.Data[i] * yi * (T.One - yi);
        }

        return _inputGradient;
    }
}
