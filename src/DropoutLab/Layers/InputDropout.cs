using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: n = features, m = examples. X, Y : n × m; mask: one bit per element.

/// <summary>
/// Dropout on a layer's inputs (Srivastava et al. keep 0.8 of the pixels) with counter-based masks:
/// train y = m·s·x, eval y = s'·x, with s and s' as in <see cref="ReluDropout{T}"/>.
/// </summary>
public sealed class InputDropout<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MaskClock _clock;
    private readonly uint _site;
    private readonly int _threads;
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;
    private ulong[] _mask = [];
    private bool _lastPassTrained;

    /// <summary>Creates the layer; see <see cref="ReluDropout{T}"/> for the arguments.</summary>
    public InputDropout(double keepProb, DropoutScaling scaling, MaskClock clock, uint site, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Dropout<T>.CheckKeepProb(keepProb);
        KeepProb = keepProb;
        Scaling = scaling;
        _clock = clock;
        _site = site;
        _threads = threads;
    }

    /// <summary>Probability of keeping an input.</summary>
    public double KeepProb { get; }

    /// <summary>The scaling rule.</summary>
    public DropoutScaling Scaling { get; }

    /// <summary>When true (Monte-Carlo dropout), evaluation passes drop inputs as training passes do.</summary>
    public bool DropAtEval { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public int OutputSize(int inputSize) => inputSize;

    // Forward: train y = m·s·x; eval y = s'·x
    /// <inheritdoc />
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _lastPassTrained = mode == Mode.Train || DropAtEval;
        T factor = T.CreateChecked(DropoutKernel.InferenceScale(KeepProb, Scaling));
        if (!_lastPassTrained && factor == T.One)
        {
            return input;
        }

        _output = Matrix<T>.Reuse(_output, input.Rows, input.Columns);
        if (_lastPassTrained)
        {
            int words = DropoutKernel.MaskWordCount(input.Data.Length);
            if (_mask.Length != words)
            {
                _mask = new ulong[words];
            }

            CounterDropout.Forward<T>(input.Data, _output.Data, _mask, KeepProb, _clock.Stream(_site), Scaling, _threads);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(input.Data, factor, _output.Data);
        }

        return _output;
    }

    // Backward: dx = dy·m·s (train); dx = dy·s' (eval)
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        _inputGradient = Matrix<T>.Reuse(_inputGradient, outputGradient.Rows, outputGradient.Columns);
        if (_lastPassTrained)
        {
            CounterDropout.Backward<T>(outputGradient.Data, _mask, _inputGradient.Data, KeepProb, Scaling, _threads);
        }
        else
        {
            T factor = T.CreateChecked(DropoutKernel.InferenceScale(KeepProb, Scaling));
            System.Numerics.Tensors.TensorPrimitives.Multiply(outputGradient.Data, factor, _inputGradient.Data);
        }

        return _inputGradient;
    }
}
