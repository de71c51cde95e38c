using System.Numerics;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Layers;

// Dimension key: n = units, m = examples. X (input), Y (output) : n × m; mask: n·m bits, bit e of word e / 64.

/// <summary>
/// The one dropout layer of the library: each element is kept with probability keepProb in training and the kept
/// ones are scaled; subclasses only say what the layer applies before dropping (nothing, or a ReLU) or, for the
/// noise variants, what the training pass does with the keep bits or in their place (<see cref="AlphaDropout{T}"/>,
/// <see cref="GaussianDropout{T}"/>).
/// </summary>
/// <remarks>
/// <para>
/// Training: yₑ = mₑ·s·g(xₑ) with mₑ ~ Bernoulli(keepProb) from <see cref="Masks"/>; inference: yₑ = s′·g(xₑ), where
/// g is the identity (<see cref="Dropout{T}"/>) or max(·, 0) (<see cref="ReluDropout{T}"/>), and the
/// <see cref="DropoutScaling"/> rule gives s = 1/keepProb, s′ = 1 (inverted), s = 1, s′ = keepProb (at inference)
/// or s = s′ = 1 (none). Inverted and at-inference scaling both make the inference output the expectation of the
/// training output, E[m·s·a] = keepProb·s·a = s′·a.
/// </para>
/// <para>
/// Backward: dxₑ = mₑ·s·dyₑ·g′(xₑ) after a training pass and s′·dyₑ·g′(xₑ) after an inference pass, with the same
/// mask as the forward pass (g′ = [x &gt; 0] for the ReLU, the subgradient at 0 taken as 0).
/// </para>
/// <para>
/// The base owns keepProb and its range check, the modes (training, inference, Monte-Carlo <see cref="DropAtEval"/>,
/// <see cref="ReuseMask"/>), the mask buffer and its source, and the identity shortcut at inference; a variant with
/// another training rule overrides only the training forward and backward step (as PyTorch's <c>_DropoutNd</c>
/// holds p and inplace for Dropout, AlphaDropout and FeatureAlphaDropout).
/// </para>
/// <para>Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, "Dropout: A Simple Way to Prevent Neural
/// Networks from Overfitting", JMLR 15 (2014).</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public abstract class DropoutLayer<T> : ILayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T _inferenceFactor;
    private readonly int _threads;
    private ulong[] _mask = [];
    private ulong[] _spareMask = [];
    private int _maskElements = -1;
    private bool _lastPassDropped;
    private Matrix<T>? _input;
    private Matrix<T>? _output;
    private MatrixCache<T> _outputBuffers;
    private Matrix<T>? _inputGradient;
    private MatrixCache<T> _inputGradientBuffers;
    private MaskSharing _sharing;

    /// <summary>Creates the layer.</summary>
    /// <param name="keepProb">Probability of keeping an element in training, in (0, 1].</param>
    /// <param name="scaling">Where the 1/keepProb correction is applied.</param>
    /// <param name="masks">Where the keep bits come from.</param>
    /// <param name="threads">Cores the kernels may use; 0 means all.</param>
    /// <param name="kernels">The fast kernel or the plain reference one.</param>
    /// <exception cref="ArgumentOutOfRangeException">keepProb is not in (0, 1], the rule is unknown or threads &lt; 0.</exception>
    protected DropoutLayer(double keepProb, DropoutScaling scaling, MaskSource masks, int threads, ComputeKernels kernels)
    {
        if (!Enum.IsDefined(kernels))
        {
            throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "Unknown kernel set.");
        }

        ArgumentNullException.ThrowIfNull(masks);
        CheckKeepProb(keepProb);
        if (!Enum.IsDefined(scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown dropout scaling rule.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        KeepProb = keepProb;
        Scaling = scaling;
        Masks = masks;
        _threads = threads;
        Kernels = kernels;
        _inferenceFactor = T.CreateChecked(DropoutKernel.InferenceScale(keepProb, scaling));
    }

    /// <summary>Probability of keeping an element in training.</summary>
    public double KeepProb { get; }

    /// <summary>The scaling rule.</summary>
    public DropoutScaling Scaling { get; }

    /// <summary>Where the keep bits come from.</summary>
    public MaskSource Masks { get; }

    /// <summary>
    /// When set, a training pass over input of the same size reuses the previous pass's mask instead of drawing a
    /// new one — what the course's code does by reseeding its generator before every forward pass.
    /// </summary>
    public bool ReuseMask { get; set; }

    /// <summary>When set, inference passes drop units too (Monte-Carlo dropout).</summary>
    public bool DropAtEval { get; set; }

    /// <summary>
    /// Whether every element has its own keep bit (<see cref="MaskSharing.Element"/>, the default) or every unit one bit
    /// shared by all examples of the batch (<see cref="MaskSharing.Feature"/>: bit(r, j) is the stream's bit r, the
    /// Gaussian variant's ε(r, j) its ε of index r). Feature sharing needs <see cref="CounterMasks"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is unknown, or Feature with a mask source other than <see cref="CounterMasks"/>.</exception>
    public MaskSharing Sharing
    {
        get => _sharing;
        set
        {
            if (!Enum.IsDefined(value) || (value == MaskSharing.Feature && Masks is not CounterMasks))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown mask sharing, or feature sharing without counter-based masks.");
            }

            _sharing = value;
        }
    }

    /// <summary>The layer has no parameters.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>Cores the kernels may use; 0 means all.</summary>
    protected int Threads => _threads;

    /// <summary>The fast kernel or the plain reference one.</summary>
    public ComputeKernels Kernels { get; }

    /// <summary>Whether g is max(·, 0) rather than the identity.</summary>
    private protected abstract bool Rectifies { get; }

    /// <summary>Throws unless 0 &lt; <paramref name="keepProb"/> ≤ 1 (NaN is refused).</summary>
    /// <exception cref="ArgumentOutOfRangeException">keepProb is outside (0, 1].</exception>
    public static void CheckKeepProb(double keepProb) => DropoutKernel.ValidateKeepProb(keepProb);

    /// <summary>Whether element <paramref name="element"/> was kept in the last training pass.</summary>
    /// <exception cref="InvalidOperationException">No training pass has run.</exception>
    public bool WasKept(int element)
    {
        if (_maskElements < 0)
        {
            throw new InvalidOperationException("No training pass has drawn a mask yet.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(element);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(element, _maskElements);
        return (_mask[element / DropoutMaskBits.GroupSize] >> (element % DropoutMaskBits.GroupSize) & 1) != 0;
    }

    /// <summary>The keep flags of the last training pass, one per element in row-major order.</summary>
    /// <exception cref="InvalidOperationException">No training pass has run.</exception>
    public bool[] CopyMask()
    {
        if (_maskElements < 0)
        {
            throw new InvalidOperationException("No training pass has drawn a mask yet.");
        }

        var kept = new bool[_maskElements];
        for (int e = 0; e < kept.Length; e++)
        {
            kept[e] = WasKept(e);
        }

        return kept;
    }

    /// <summary>The same layer kind, keepProb and masks with another scaling rule (for evaluating a trained network).</summary>
    public abstract DropoutLayer<T> WithScaling(DropoutScaling scaling);

    /// <summary>The output has as many rows as the input.</summary>
    public int OutputSize(int inputSize) => inputSize;

    /// <summary>Training (or <see cref="DropAtEval"/>): y = m⊙s·g(x); otherwise, or when keepProb = 1, y = s′·g(x).</summary>
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _lastPassDropped = (mode == Mode.Train || DropAtEval) && KeepProb < 1.0;
        if (!_lastPassDropped && !Rectifies && _inferenceFactor == T.One)
        {
            return input;
        }

        _output = _outputBuffers.Get(input.Rows, input.Columns);
        if (_lastPassDropped)
        {
            int elements = input.Data.Length;
            bool reuse = ReuseMask && _maskElements == elements;
            int words = DropoutKernel.MaskWordCount(elements);
            if (_mask.Length != words)
            {
                // Two mask arrays, as two output shapes: a full and a partial last batch alternate without allocating.
                (_mask, _spareMask) = (_spareMask.Length == words ? _spareMask : new ulong[words], _mask);
            }

            DropoutStream? stream = reuse ? null : Masks.Prepare(_mask, elements, KeepProb);
            _maskElements = elements;
            if (_sharing == MaskSharing.Feature && stream is { } drawing)
            {
                SharedForward(input, _output, drawing);
            }
            else
            {
                TrainForward(input.Data, _output.Data, stream);
            }
        }
        else
        {
            ApplyInference(input.Data, input.Data, _output.Data);
        }

        return _output;
    }

    /// <summary>dx = m⊙s·dy·g′(x) after a training pass, s′·dy·g′(x) after an inference pass.</summary>
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!computeInputGradient)
        {
            return null;
        }

        Matrix<T> input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        if (!_lastPassDropped && !Rectifies && _inferenceFactor == T.One)
        {
            return outputGradient;
        }

        _inputGradient = _inputGradientBuffers.Get(input.Rows, input.Columns);
        if (_lastPassDropped)
        {
            TrainBackward(outputGradient.Data, input.Data, _inputGradient.Data);
        }
        else
        {
            ApplyInference(outputGradient.Data, input.Data, _inputGradient.Data);
        }

        return _inputGradient;
    }

    /// <summary>
    /// The mask words of the current pass (bit e of word e / 64 is mₑ), for variants that apply their own rule to the
    /// keep bits.
    /// </summary>
    private protected Span<ulong> MaskWords => _mask;

    /// <summary>
    /// A dropping pass forward: y = m⊙s·g(x), drawing m from <paramref name="stream"/> when there is one (else m is
    /// already in <see cref="MaskWords"/>: filled by the mask source or kept from the last pass). Variants with another
    /// training rule override this and <see cref="TrainBackward"/>.
    /// </summary>
    private protected virtual void TrainForward(ReadOnlySpan<T> input, Span<T> output, DropoutStream? stream) =>
        Apply(input, input, output, stream);

    /// <summary>
    /// A dropping pass forward with <see cref="MaskSharing.Feature"/>: the per-unit keep bits of <paramref name="stream"/>
    /// expanded to rows of <see cref="MaskWords"/>, then <see cref="TrainForward"/> with the mask already filled (no
    /// stream), as a reused mask is applied. A variant whose noise is not keep bits overrides this.
    /// </summary>
    private protected virtual void SharedForward(Matrix<T> input, Matrix<T> output, DropoutStream stream)
    {
        FeatureMasks.Fill(_mask, stream, KeepProb, input.Rows, input.Columns);
        TrainForward(input.Data, output.Data, null);
    }

    /// <summary>The backward pass of <see cref="TrainForward"/>: dx = m⊙s·dy·g′(x) with the same m.</summary>
    private protected virtual void TrainBackward(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient) =>
        Apply(outputGradient, input, inputGradient, null);

    /// <summary>
    /// Writes the keep bits of the first <paramref name="elements"/> elements into <see cref="MaskWords"/> from
    /// <paramref name="stream"/> — the bits the apply kernel would draw — or leaves them when there is no stream.
    /// </summary>
    private protected void DrawKeepBits(DropoutStream? stream, int elements)
    {
        if (stream is not { } drawing)
        {
            return;
        }

        Philox4x32Key key = drawing.Key;
        ulong threshold = DropoutKernel.KeepThreshold(KeepProb);
        for (int group = 0; group < DropoutKernel.MaskWordCount(elements); group++)
        {
            int count = Math.Min(DropoutMaskBits.GroupSize, elements - (group * DropoutMaskBits.GroupSize));
            ulong bits = DropoutMaskBits.Group(drawing, key, group, threshold);
            _mask[group] = count < DropoutMaskBits.GroupSize ? bits & ((1UL << count) - 1) : bits;
        }
    }

    // out = m⊙s·values·[gate > 0] (ReLU) or m⊙s·values, drawing m from the stream when there is one
    private void Apply(ReadOnlySpan<T> values, ReadOnlySpan<T> gate, Span<T> output, DropoutStream? stream)
    {
        if (Kernels == ComputeKernels.Reference)
        {
            DropoutKernelReference.Run<T>(values, gate, output, _mask, stream, KeepProb, Scaling, Rectifies, Masks.DividesByKeepProb);
        }
        else
        {
            DropoutKernel.Run<T>(values, gate, output, _mask, stream, KeepProb, Scaling, Rectifies, Masks.DividesByKeepProb, _threads);
        }
    }

    // out = s′·values·[gate > 0] (ReLU) or s′·values
    private void ApplyInference(ReadOnlySpan<T> values, ReadOnlySpan<T> gate, Span<T> output)
    {
        ReadOnlySpan<T> source = values;
        if (Rectifies)
        {
            if (values == gate)
            {
                ElementwiseKernels.Relu<T>(values, output);
            }
            else
            {
                ElementwiseKernels.MaskByPositive<T>(values, gate, output);
            }

            source = output;
        }

        if (_inferenceFactor != T.One)
        {
            ElementwiseKernels.Scale<T>(source, _inferenceFactor, output);
        }
        else if (!Rectifies)
        {
            source.CopyTo(output);
        }
    }
}
