using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: o = output units, i = input units, m = examples.
//   X : i × m    W : o × i    b : o × 1    Z : o × m

/// <summary>A fully connected layer, Z = W·X + b.</summary>
public sealed class Dense<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private Matrix<T>? _input;
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;

    /// <summary>Creates a layer with the given weights (o × i) and zero biases.</summary>
    public Dense(Matrix<T> weights, string name = "")
    {
        ArgumentNullException.ThrowIfNull(weights);
        Weights = new Parameter<T>("W" + name, weights, isWeight: true);
        Bias = new Parameter<T>("b" + name, new Matrix<T>(weights.Rows, 1), isWeight: false);
        _parameters = [Weights, Bias];
    }

    /// <summary>W, o × i.</summary>
    public Parameter<T> Weights { get; }

    /// <summary>b, o × 1.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>Input units i.</summary>
    public int InputSize => Weights.Value.Columns;

    /// <summary>Output units o.</summary>
    public int OutputUnits => Weights.Value.Rows;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <inheritdoc />
    public int OutputSize(int inputSize)
    {
        if (inputSize != InputSize)
        {
            throw new ArgumentException($"Dense{Weights.Name[1..]} expects {InputSize} inputs, got {inputSize}.", nameof(inputSize));
        }

        return OutputUnits;
    }

    // Forward: Zᵣⱼ = Σₖ Wᵣₖ·Xₖⱼ + bᵣ
    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSize(input.Rows);
        _input = input;
        _output = Matrix<T>.Reuse(_output, OutputUnits, input.Columns);
        ColumnKernels.Affine(Weights.Value, input, Bias.Value.Data, _output);
        return _output;
    }

    // Backward, with dZ = ∂L/∂Z for L = Σ per-example losses:
    //   dW = (1/m)·dZ·Xᵀ    db = (1/m)·Σⱼ dZ·ⱼ    dX = Wᵀ·dZ
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Matrix<T> input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        T scale = T.One / T.CreateChecked(input.Columns);
        ColumnKernels.WeightGradient(outputGradient, input, scale, Weights.Gradient);
        ColumnKernels.BiasGradient(outputGradient, scale, Bias.Gradient.Data);
        if (!computeInputGradient)
        {
            return null;
        }

        _inputGradient = Matrix<T>.Reuse(_inputGradient, InputSize, input.Columns);
        ColumnKernels.InputGradient(Weights.Value, outputGradient, _inputGradient);
        return _inputGradient;
    }
}
