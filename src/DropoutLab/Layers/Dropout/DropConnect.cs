using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: o = output units, i = input units, m = examples.
//   X : i × m    W, M : o × i    Z : o × m; mask: o·i bits in row-major order, bit e of word e / 64.

/// <summary>
/// DropConnect, the weight mask of a <see cref="Dense{T}"/> layer (<see cref="Dense{T}.WeightMask"/>): Bernoulli keep
/// bits on the weights instead of the activations. Training Z = (M⊙W/keepProb)·X + b with one mask M ~
/// Bernoulli(keepProb)^(o×i) per training step; backward dW = (1/m)·(dZ·Xᵀ)⊙M/keepProb, dX = (M⊙W/keepProb)ᵀ·dZ, db as
/// for the dense layer; inference Z = W·X + b, the mean weights E[M⊙W/keepProb] = W (or, with <see cref="DropAtEval"/>,
/// a fresh mask per pass: Monte-Carlo DropConnect).
/// </summary>
/// <remarks>
/// <para>
/// Wan, Zeiler, Zhang, LeCun and Fergus, "Regularization of Neural Networks using DropConnect", ICML 2013. The paper
/// draws a mask per example (an o × i mask for each column of X) and infers with a Gaussian moment-matching
/// approximation of the mixture; this is the cheap variant: one mask per mini-batch, shared by its examples, so the
/// masked weights go to the dense layer's own GEMM (float32 <see cref="Gemm"/>, float64 <see cref="ColumnKernels"/>, or
/// the reference loops) and a step costs a dense layer plus one o × i elementwise pass forward and one backward.
/// Inference by the mean weights is the rule of inverted dropout: exact in expectation for the pre-activations Z,
/// not for what a non-linearity makes of them. Only the inverted scaling rule is offered.
/// </para>
/// <para>
/// Bit e = r·i + k of the mask keeps W_rk: it is the counter-based bit of <see cref="CounterMasks"/> (a pure function of
/// seed, step, site and e, drawn by the dropout kernel's Philox machinery), so masks are the same on every thread count
/// and instruction set. The masks of <see cref="MaskSharing.Feature"/> do not apply: one mask per mini-batch is
/// already shared by every example.
/// </para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class DropConnect<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly int _threads;
    private ulong[] _mask = [];
    private Matrix<T>? _masked;
    private int _maskElements = -1;

    /// <summary>Creates the weight mask.</summary>
    /// <param name="keepProb">Probability of keeping a weight in training, in (0, 1].</param>
    /// <param name="masks">The counter stream (seed, step, site) the keep bits are keyed by.</param>
    /// <param name="threads">Cores the mask pass may use; 0 means all. The bits do not depend on it.</param>
    /// <param name="kernels">The fast kernel or the plain reference one.</param>
    /// <exception cref="ArgumentOutOfRangeException">keepProb is not in (0, 1], the kernel set is unknown or threads &lt; 0.</exception>
    public DropConnect(double keepProb, CounterMasks masks, int threads = 0, ComputeKernels kernels = ComputeKernels.Fast)
    {
        ArgumentNullException.ThrowIfNull(masks);
        DropoutKernel.ValidateKeepProb(keepProb);
        if (!Enum.IsDefined(kernels))
        {
            throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "Unknown kernel set.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        KeepProb = keepProb;
        Masks = masks;
        Kernels = kernels;
        _threads = threads;
    }

    /// <summary>Probability of keeping a weight in training.</summary>
    public double KeepProb { get; }

    /// <summary>The counter stream of the keep bits.</summary>
    public CounterMasks Masks { get; }

    /// <summary>The fast kernel or the plain reference one.</summary>
    public ComputeKernels Kernels { get; }

    /// <summary>When set, inference passes draw a mask too (Monte-Carlo DropConnect).</summary>
    public bool DropAtEval { get; set; }

    /// <summary>Whether the last forward pass masked the weights.</summary>
    public bool LastPassDropped { get; private set; }

    /// <summary>Whether weight <paramref name="element"/> (row-major, r·i + k) was kept in the last masking pass.</summary>
    /// <exception cref="InvalidOperationException">No masking pass has run.</exception>
    public bool WasKept(int element)
    {
        if (_maskElements < 0)
        {
            throw new InvalidOperationException("No training pass has drawn a weight mask yet.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(element);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(element, _maskElements);
        return (_mask[element / DropoutMaskBits.GroupSize] >> (element % DropoutMaskBits.GroupSize) & 1) != 0;
    }

    /// <summary>The keep flags of the last masking pass, one per weight in row-major order.</summary>
    /// <exception cref="InvalidOperationException">No masking pass has run.</exception>
    public bool[] CopyMask()
    {
        if (_maskElements < 0)
        {
            throw new InvalidOperationException("No training pass has drawn a weight mask yet.");
        }

        var kept = new bool[_maskElements];
        for (int e = 0; e < kept.Length; e++)
        {
            kept[e] = WasKept(e);
        }

        return kept;
    }

    /// <summary>
    /// The weights a forward pass multiplies by: M⊙W/keepProb with a fresh M from the current step's stream in training
    /// (or with <see cref="DropAtEval"/>), else <paramref name="weights"/> itself. The returned matrix is owned by this
    /// object and overwritten by the next masking pass.
    /// </summary>
    internal Matrix<T> Forward(Matrix<T> weights, Mode mode)
    {
        LastPassDropped = (mode == Mode.Train || DropAtEval) && KeepProb < 1.0;
        if (!LastPassDropped)
        {
            return weights;
        }

        int elements = weights.Data.Length;
        if (_mask.Length != DropoutKernel.MaskWordCount(elements))
        {
            _mask = new ulong[DropoutKernel.MaskWordCount(elements)];
        }

        _masked = Matrix<T>.Reuse(_masked, weights.Rows, weights.Columns);
        _maskElements = elements;
        Apply(weights.Data, _masked.Data, Masks.Prepare(_mask, elements, KeepProb));
        return _masked;
    }

    /// <summary>After a masking pass: gradient ← gradient⊙M/keepProb in place (the chain rule through M⊙W/keepProb).</summary>
    internal void MaskGradient(Matrix<T> gradient) => Apply(gradient.Data, gradient.Data, null);

    // out = M⊙values/keepProb (multiplied by 1/keepProb), drawing M from the stream when there is one
    private void Apply(ReadOnlySpan<T> values, Span<T> output, DropoutStream? stream)
    {
        if (Kernels == ComputeKernels.Reference)
        {
            DropoutKernelReference.Run<T>(values, values, output, _mask, stream, KeepProb, DropoutScaling.Inverted, relu: false, divide: false);
        }
        else
        {
            DropoutKernel.Run<T>(values, values, output, _mask, stream, KeepProb, DropoutScaling.Inverted, relu: false, divide: false, _threads);
        }
    }
}
