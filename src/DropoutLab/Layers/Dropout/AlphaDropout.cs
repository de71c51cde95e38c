using System.Numerics;
using DropoutLab.Numerics;
using DropoutLab.Threading;

namespace DropoutLab.Layers;

/// <summary>
/// Alpha dropout, the dropout of self-normalizing networks: with keep bits mₑ ~ Bernoulli(keepProb), a dropped element
/// is set to SELU's negative saturation α′ = −λα ≈ −1.7580993408473766 instead of 0, and an affine map restores mean 0
/// and variance 1: training y = A·(m⊙a + (1 − m)·α′) + B, backward dx = A·m⊙dy, inference y = a.
/// </summary>
/// <remarks>
/// <para>
/// With q = keepProb, A = (q + α′²·q·(1 − q))^(−1/2) and B = −A·(1 − q)·α′: for a with mean 0 and variance 1,
/// E[m·a + (1 − m)·α′] = (1 − q)·α′ and Var = q + α′²·q·(1 − q), so y has mean 0 and variance 1 again
/// (λ ≈ 1.0507009873554805, α ≈ 1.6732632423543772).
/// </para>
/// <para>
/// Klambauer, Unterthiner, Mayr and Hochreiter, "Self-Normalizing Neural Networks", NeurIPS 2017, §"New Dropout
/// Technique"; PyTorch <c>nn.AlphaDropout(p)</c> and Keras <c>AlphaDropout(rate)</c> with p = rate = 1 − keepProb.
/// It preserves the fixed point only for inputs near N(0, 1): use it after <see cref="Selu{T}"/> layers with
/// LeCun-normal weights N(0, 1/fan_in) (<c>MlpNetwork.Create</c> with <c>initGain</c> 1), not after ReLU.
/// </para>
/// <para>
/// Design: a small subclass of the one <see cref="DropoutLayer{T}"/>, which keeps keepProb, the modes, the mask source and
/// buffer (the same keep bits as <see cref="Dropout{T}"/> for the same source and keepProb); the variant overrides only
/// the training step. The affine correction takes the place of the scaling rule, so only
/// <see cref="DropoutScaling.Inverted"/> (inference = identity) applies.
/// </para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class AlphaDropout<T> : DropoutLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T _scale;
    private readonly T _shift;
    private readonly T _droppedValue;

    /// <summary>Creates the layer.</summary>
    /// <param name="keepProb">Probability of keeping an element in training, in (0, 1].</param>
    /// <param name="masks">Where the keep bits come from.</param>
    /// <param name="threads">Cores the element-wise passes may use; 0 means all. The result does not depend on it.</param>
    /// <exception cref="ArgumentOutOfRangeException">keepProb is not in (0, 1] (the message names the value), or threads &lt; 0.</exception>
    /// <exception cref="ArgumentNullException">masks is null.</exception>
    public AlphaDropout(double keepProb, MaskSource masks, int threads = 0)
        : base(keepProb, DropoutScaling.Inverted, masks, threads, ComputeKernels.Reference)
    {
        const double saturation = SeluConstants.NegativeSaturation;
        double scale = 1.0 / Math.Sqrt(keepProb + (saturation * saturation * keepProb * (1.0 - keepProb)));
        double shift = -scale * (1.0 - keepProb) * saturation;
        AffineScale = scale;
        AffineShift = shift;
        _scale = T.CreateChecked(scale);
        _shift = T.CreateChecked(shift);
        _droppedValue = T.CreateChecked((scale * saturation) + shift);
    }

    /// <summary>A = (keepProb + α′²·keepProb·(1 − keepProb))^(−1/2).</summary>
    public double AffineScale { get; }

    /// <summary>B = −A·(1 − keepProb)·α′.</summary>
    public double AffineShift { get; }

    private protected override bool Rectifies => false;

    /// <summary>The same layer; only <see cref="DropoutScaling.Inverted"/> applies (the affine map is the correction).</summary>
    /// <exception cref="ArgumentOutOfRangeException">scaling is not Inverted.</exception>
    public override DropoutLayer<T> WithScaling(DropoutScaling scaling)
    {
        if (scaling != DropoutScaling.Inverted)
        {
            throw new ArgumentOutOfRangeException(nameof(scaling), scaling, $"Alpha dropout corrects by its affine map, so only the inverted rule applies, but got {scaling}.");
        }

        return new AlphaDropout<T>(KeepProb, Masks, Threads) { Sharing = Sharing };
    }

    // y = A·a + B where kept, A·α′ + B where dropped
    private protected override unsafe void TrainForward(ReadOnlySpan<T> input, Span<T> output, DropoutStream? stream)
    {
        DrawKeepBits(stream, input.Length);
        fixed (T* from = input)
        fixed (T* to = output)
        fixed (ulong* mask = MaskWords)
        {
            var pass = new AlphaPass { Values = from, Output = to, Mask = mask, Scale = _scale, Shift = _shift, Dropped = _droppedValue, Forward = true };
            RangeRunner.Run(pass, output.Length, MinimumElementsPerPartition, Threads);
        }
    }

    // dx = A·m⊙dy
    private protected override unsafe void TrainBackward(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
    {
        fixed (T* from = outputGradient)
        fixed (T* to = inputGradient)
        fixed (ulong* mask = MaskWords)
        {
            var pass = new AlphaPass { Values = from, Output = to, Mask = mask, Scale = _scale, Forward = false };
            RangeRunner.Run(pass, inputGradient.Length, MinimumElementsPerPartition, Threads);
        }
    }

    /// <summary>Fewest elements a thread takes, so small layers stay on one thread.</summary>
    private const int MinimumElementsPerPartition = 16384;

    /// <summary>Elements [start, end) of the forward (A·a + B or A·α′ + B) or backward (A·m·dy) pass; each element alone.</summary>
    private unsafe struct AlphaPass : IRangeBody
    {
        public T* Values;
        public T* Output;
        public ulong* Mask;
        public T Scale;
        public T Shift;
        public T Dropped;
        public bool Forward;

        public readonly void Run(int start, int end)
        {
            for (int e = start; e < end; e++)
            {
                bool kept = ((Mask[e / DropoutMaskBits.GroupSize] >> (e % DropoutMaskBits.GroupSize)) & 1) != 0;
                Output[e] = Forward
                    ? (kept ? (Scale * Values[e]) + Shift : Dropped)
                    : (kept ? Scale * Values[e] : T.Zero);
            }
        }
    }
}
