using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: n = features, m = examples. X, Y : n × m; mask: one bit per element.

/// <summary>
/// Dropout on a layer's inputs (Srivastava et al. keep 0.8 of the pixels) with counter-based masks:
/// train y = m·s·x, eval y = s′·x (see <see cref="CounterDropoutLayer{T}"/>).
/// </summary>
public sealed class InputDropout<T> : CounterDropoutLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;

    /// <summary>Creates the layer; see <see cref="CounterDropoutLayer{T}"/> for the arguments.</summary>
    public InputDropout(double keepProb, DropoutScaling scaling, MaskClock clock, uint site, int threads = 0)
        : base(keepProb, scaling, clock, site, threads)
    {
    }

    // Forward: train y = m·s·x; eval y = s′·x
    /// <inheritdoc />
    public override Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool drops = BeginPass(mode);
        if (!drops && InferenceFactor == T.One)
        {
            return input;
        }

        _output = Matrix<T>.Reuse(_output, input.Rows, input.Columns);
        if (drops)
        {
            CounterDropout.Forward<T>(input.Data, _output.Data, MaskFor(input.Data.Length), KeepProb, Stream, Scaling, Threads);
        }
        else
        {
            Numerics.ElementwiseKernels.Scale<T>(input.Data, InferenceFactor, _output.Data);
        }

        return _output;
    }

    // Backward: dx = dy·m·s (after a dropping pass); dx = dy·s′ (after an inference pass)
    /// <inheritdoc />
    public override Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        _inputGradient = Matrix<T>.Reuse(_inputGradient, outputGradient.Rows, outputGradient.Columns);
        if (LastPassDropped)
        {
            CounterDropout.Backward<T>(outputGradient.Data, Mask, _inputGradient.Data, KeepProb, Scaling, Threads);
        }
        else
        {
            Numerics.ElementwiseKernels.Scale<T>(outputGradient.Data, InferenceFactor, _inputGradient.Data);
        }

        return _inputGradient;
    }
}
