using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: o = output units, i = input units, m = examples.
//   X : i × m    W : o × i    b : o × 1    Z : o × m

/// <summary>
/// A fully connected layer, Z = W·X + b. In float32 the products run on the packed, multi-threaded
/// <see cref="Gemm"/>; in float64 on <see cref="ColumnKernels"/>, whose summation order the course reproduction
/// relies on. With <see cref="ComputeKernels.Reference"/> both precisions run the plain loops of
/// <see cref="ColumnKernelsReference"/>. With a <see cref="WeightMask"/> (DropConnect) the products use the masked
/// weights M⊙W/keepProb of the pass instead of W (see <see cref="DropConnect{T}"/>); without one nothing changes.
/// </summary>
public sealed class Dense<T> : ILayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private Matrix<T>? _input;
    private Matrix<T>? _output;
    private MatrixCache<T> _outputBuffers;
    private Matrix<T>? _inputGradient;
    private MatrixCache<T> _inputGradientBuffers;
    private Matrix<T>? _effectiveWeights;
    private readonly int _threads;
    private readonly bool _reference;

    /// <summary>Creates a layer with the given weights (o × i) and zero biases.</summary>
    /// <param name="weights">W, o × i.</param>
    /// <param name="name">Suffix of the parameter names ("W1", "b1").</param>
    /// <param name="threads">Most threads a float32 product may use (0 = all); results do not depend on it.</param>
    /// <param name="kernels">The fast kernels or the plain reference ones.</param>
    public Dense(Matrix<T> weights, string name = "", int threads = 0, ComputeKernels kernels = ComputeKernels.Fast)
    {
        if (!Enum.IsDefined(kernels))
        {
            throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "Unknown kernel set.");
        }

        _reference = kernels == ComputeKernels.Reference;
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        _threads = threads == 0 ? Environment.ProcessorCount : threads;
        Weights = new Parameter<T>("W" + name, weights, isWeight: true);
        Bias = new Parameter<T>("b" + name, new Matrix<T>(weights.Rows, 1), isWeight: false);
        _parameters = [Weights, Bias];
    }

    /// <summary>W, o × i.</summary>
    public Parameter<T> Weights { get; }

    /// <summary>b, o × 1.</summary>
    public Parameter<T> Bias { get; }

    /// <summary>The DropConnect mask on the weights, or null (the default: a plain dense layer).</summary>
    public DropConnect<T>? WeightMask { get; init; }

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

    private static Span<float> AsFloat(Matrix<T> matrix) => System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(matrix.Data.AsSpan());

    // Forward: Zᵣⱼ = Σₖ Wᵣₖ·Xₖⱼ + bᵣ, with W replaced by M⊙W/keepProb when the weight mask drops
    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSize(input.Rows);
        _input = input;
        _output = _outputBuffers.Get(OutputUnits, input.Columns);
        Matrix<T> weights = WeightMask is { } mask ? mask.Forward(Weights.Value, mode) : Weights.Value;
        _effectiveWeights = weights;
        if (_reference)
        {
            ColumnKernelsReference.Affine(weights, input, Bias.Value.Data, _output);
        }
        else if (typeof(T) == typeof(float))
        {
            int m = input.Columns;
            Gemm.Multiply(false, false, OutputUnits, m, InputSize, 1f, AsFloat(weights), InputSize, AsFloat(input), m, 0f, AsFloat(_output), m, _threads);
            for (int r = 0; r < OutputUnits; r++)
            {
                ElementwiseKernels.AddScalar<T>(_output.Row(r), Bias.Value.Data[r], _output.Row(r));
            }
        }
        else
        {
            ColumnKernels.Affine(weights, input, Bias.Value.Data, _output);
        }

        return _output;
    }

    // Backward, with dZ = ∂L/∂Z for L = Σ per-example losses:
    //   dW = (1/m)·dZ·Xᵀ    db = (1/m)·Σⱼ dZ·ⱼ    dX = Wᵀ·dZ
    // and after a masked pass dW = (1/m)·(dZ·Xᵀ)⊙M/keepProb, dX = (M⊙W/keepProb)ᵀ·dZ
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Matrix<T> input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        Matrix<T> weights = _effectiveWeights!;
        int m = input.Columns;
        T scale = T.One / T.CreateChecked(m);
        bool fast = typeof(T) == typeof(float) && !_reference;
        if (fast)
        {
            Gemm.Multiply(false, true, OutputUnits, InputSize, m, float.CreateTruncating(scale), AsFloat(outputGradient), m, AsFloat(input), m, 0f, AsFloat(Weights.Gradient), InputSize, _threads);
        }
        else if (_reference)
        {
            ColumnKernelsReference.WeightGradient(outputGradient, input, scale, Weights.Gradient);
        }
        else
        {
            ColumnKernels.WeightGradient(outputGradient, input, scale, Weights.Gradient);
        }

        if (WeightMask is { LastPassDropped: true } mask)
        {
            mask.MaskGradient(Weights.Gradient);
        }

        ColumnKernels.BiasGradient(outputGradient, scale, Bias.Gradient.Data);
        if (!computeInputGradient)
        {
            return null;
        }

        _inputGradient = _inputGradientBuffers.Get(InputSize, m);
        if (fast)
        {
            Gemm.Multiply(true, false, InputSize, m, OutputUnits, 1f, AsFloat(weights), InputSize, AsFloat(outputGradient), m, 0f, AsFloat(_inputGradient), m, _threads);
        }
        else if (_reference)
        {
            ColumnKernelsReference.InputGradient(weights, outputGradient, _inputGradient);
        }
        else
        {
            ColumnKernels.InputGradient(weights, outputGradient, _inputGradient);
        }

        return _inputGradient;
    }
}
