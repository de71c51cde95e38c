using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: n = units, m = examples. Z (input), Y (output) : n × m; mask: one bit per element.

/// <summary>
/// ReLU followed by dropout, fused into one pass over memory: train y = m·s·max(z, 0) with
/// mᵢ ~ Bernoulli(keepProb) from Philox4x32-10 (a random 32-bit word below ⌊keepProb·2³²⌉) and s = 1/keepProb for
/// <see cref="DropoutScaling.Inverted"/>, 1 otherwise; eval y = s'·max(z, 0) with s' = keepProb for
/// <see cref="DropoutScaling.AtInference"/>, 1 otherwise. Equivalent to <see cref="Relu{T}"/> then a dropout
/// layer, with counter-based masks (see <see cref="MaskClock"/>).
/// </summary>
public sealed class ReluDropout<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MaskClock _clock;
    private readonly uint _site;
    private readonly int _threads;
    private Matrix<T>? _input;
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;
    private ulong[] _mask = [];
    private bool _lastPassTrained;

    /// <summary>Creates the layer.</summary>
    /// <param name="keepProb">Probability of keeping a unit, in (0, 1].</param>
    /// <param name="scaling">The scaling rule.</param>
    /// <param name="clock">The shared mask clock.</param>
    /// <param name="site">This dropout site's index in the network (part of the mask's counter).</param>
    /// <param name="threads">Most threads the kernel may use (0 = all); the result does not depend on it.</param>
    public ReluDropout(double keepProb, DropoutScaling scaling, MaskClock clock, uint site, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Dropout<T>.CheckKeepProb(keepProb);
        KeepProb = keepProb;
        Scaling = scaling;
        _clock = clock;
        _site = site;
        _threads = threads;
        CheckPrecision();
    }

    /// <summary>Probability of keeping a unit.</summary>
    public double KeepProb { get; }

    /// <summary>The scaling rule.</summary>
    public DropoutScaling Scaling { get; }

    /// <summary>When true (Monte-Carlo dropout), evaluation passes drop units as training passes do.</summary>
    public bool DropAtEval { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public int OutputSize(int inputSize) => inputSize;

    // Forward: train y = m·s·max(z, 0); eval y = s'·max(z, 0)
    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _output = Matrix<T>.Reuse(_output, input.Rows, input.Columns);
        _lastPassTrained = mode == Mode.Train || DropAtEval;
        if (_lastPassTrained)
        {
            int words = DropoutKernel.MaskWordCount(input.Data.Length);
            if (_mask.Length != words)
            {
                _mask = new ulong[words];
            }

            CounterDropout.ReluForward<T>(input.Data, _output.Data, _mask, KeepProb, _clock.Stream(_site), Scaling, _threads);
        }
        else
        {
            T factor = T.CreateChecked(DropoutKernel.InferenceScale(KeepProb, Scaling));
            System.Numerics.Tensors.TensorPrimitives.Max(input.Data, T.Zero, _output.Data);
            if (factor != T.One)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(_output.Data, factor, _output.Data);
            }
        }

        return _output;
    }

    // Backward: dz = dy·m·s·[z > 0] (train); dz = dy·s'·[z > 0] (eval)
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        Matrix<T> input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        _inputGradient = Matrix<T>.Reuse(_inputGradient, input.Rows, input.Columns);
        if (_lastPassTrained)
        {
            CounterDropout.ReluBackward<T>(input.Data, outputGradient.Data, _mask, _inputGradient.Data, KeepProb, Scaling, _threads);
        }
        else
        {
            ElementwiseKernels.MaskByPositive<T>(outputGradient.Data, input.Data, _inputGradient.Data);
            T factor = T.CreateChecked(DropoutKernel.InferenceScale(KeepProb, Scaling));
            System.Numerics.Tensors.TensorPrimitives.Multiply(_inputGradient.Data, factor, _inputGradient.Data);
        }

        return _inputGradient;
    }

    private static void CheckPrecision()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Counter-based dropout supports float and double, not {typeof(T).Name}.");
        }
    }
}
