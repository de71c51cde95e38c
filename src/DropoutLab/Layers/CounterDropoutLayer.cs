using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>
/// What the counter-based dropout layers share: keepProb and the scaling rule, the mask clock and this site's index
/// in it, the one-bit-per-element mask of the last training pass, and the Monte-Carlo switch.
/// Training output y = m·s·f(x), inference output y = s′·f(x), with s = 1/keepProb for inverted dropout (else 1)
/// and s′ = keepProb for <see cref="DropoutScaling.AtInference"/> (else 1).
/// </summary>
public abstract class CounterDropoutLayer<T> : ILayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly MaskClock _clock;
    private readonly uint _site;
    private ulong[] _mask = [];

    /// <summary>Creates the layer.</summary>
    /// <param name="keepProb">Probability of keeping a unit, in (0, 1].</param>
    /// <param name="scaling">The scaling rule.</param>
    /// <param name="clock">The shared mask clock.</param>
    /// <param name="site">This dropout site's index in the network (part of the mask's counter).</param>
    /// <param name="threads">Most threads the kernel may use (0 = all); the result does not depend on it.</param>
    protected CounterDropoutLayer(double keepProb, DropoutScaling scaling, MaskClock clock, uint site, int threads)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Dropout<T>.CheckKeepProb(keepProb);
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Counter-based dropout supports float and double, not {typeof(T).Name}.");
        }

        KeepProb = keepProb;
        Scaling = scaling;
        _clock = clock;
        _site = site;
        Threads = threads;
        InferenceFactor = T.CreateChecked(DropoutKernel.InferenceScale(keepProb, scaling));
    }

    /// <summary>Probability of keeping a unit.</summary>
    public double KeepProb { get; }

    /// <summary>The scaling rule.</summary>
    public DropoutScaling Scaling { get; }

    /// <summary>When true (Monte-Carlo dropout), evaluation passes drop units as training passes do.</summary>
    public bool DropAtEval { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>s′, the inference factor.</summary>
    protected T InferenceFactor { get; }

    /// <summary>Most threads for the kernels.</summary>
    protected int Threads { get; }

    /// <summary>Whether the last forward pass dropped units (its backward pass must use the mask).</summary>
    protected bool LastPassDropped { get; private set; }

    /// <summary>This site's mask stream at the clock's current step.</summary>
    protected DropoutStream Stream => _clock.Stream(_site);

    /// <summary>The mask bits of the last dropping pass.</summary>
    protected ReadOnlySpan<ulong> Mask => _mask;

    /// <inheritdoc />
    public int OutputSize(int inputSize) => inputSize;

    /// <inheritdoc />
    public abstract Matrix<T> Forward(Matrix<T> input, Mode mode);

    /// <inheritdoc />
    public abstract Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient);

    /// <summary>Records whether this pass drops units (training, or evaluation with <see cref="DropAtEval"/>).</summary>
    protected bool BeginPass(Mode mode) => LastPassDropped = mode == Mode.Train || DropAtEval;

    /// <summary>A mask buffer for <paramref name="elements"/> elements, reused while the size stays the same.</summary>
    protected Span<ulong> MaskFor(int elements)
    {
        int words = DropoutKernel.MaskWordCount(elements);
        if (_mask.Length != words)
        {
            _mask = new ulong[words];
        }

        return _mask;
    }
}
