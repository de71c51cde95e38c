using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: n = units, m = examples. Z (input), Y (output) : n × m; mask: one bit per element.

/// <summary>
/// ReLU followed by dropout, fused into one pass over memory: train y = m·s·max(z, 0) with
/// mᵢ ~ Bernoulli(keepProb) from Philox4x32-10 (a random 32-bit word below ⌊keepProb·2³²⌉); eval y = s′·max(z, 0)
/// (s and s′ as in <see cref="CounterDropoutLayer{T}"/>). Equivalent to <see cref="Relu{T}"/> then a dropout
/// layer, with counter-based masks (see <see cref="MaskClock"/>).
/// </summary>
public sealed class ReluDropout<T> : CounterDropoutLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Matrix<T>? _input;
    private Matrix<T>? _output;
    private Matrix<T>? _inputGradient;

    /// <summary>Creates the layer; see <see cref="CounterDropoutLayer{T}"/> for the arguments.</summary>
    public ReluDropout(double keepProb, DropoutScaling scaling, MaskClock clock, uint site, int threads = 0)
        : base(keepProb, scaling, clock, site, threads)
    {
    }

    // Forward: train y = m·s·max(z, 0); eval y = s′·max(z, 0)
    /// <inheritdoc />
    public override Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _output = Matrix<T>.Reuse(_output, input.Rows, input.Columns);
        if (BeginPass(mode))
        {
            CounterDropout.ReluForward<T>(input.Data, _output.Data, MaskFor(input.Data.Length), KeepProb, Stream, Scaling, Threads);
        }
        else
        {
            ElementwiseKernels.Relu<T>(input.Data, _output.Data);
            if (InferenceFactor != T.One)
            {
                Numerics.ElementwiseKernels.Scale<T>(_output.Data, InferenceFactor, _output.Data);
            }
        }

        return _output;
    }

    // Backward: dz = dy·m·s·[z > 0] (after a dropping pass); dz = dy·s′·[z > 0] (after an inference pass)
    /// <inheritdoc />
    public override Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        Matrix<T> input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        _inputGradient = Matrix<T>.Reuse(_inputGradient, input.Rows, input.Columns);
        if (LastPassDropped)
        {
            CounterDropout.ReluBackward<T>(input.Data, outputGradient.Data, Mask, _inputGradient.Data, KeepProb, Scaling, Threads);
        }
        else
        {
            ElementwiseKernels.MaskByPositive<T>(outputGradient.Data, input.Data, _inputGradient.Data);
            if (InferenceFactor != T.One)
            {
                Numerics.ElementwiseKernels.Scale<T>(_inputGradient.Data, InferenceFactor, _inputGradient.Data);
            }
        }

        return _inputGradient;
    }
}
