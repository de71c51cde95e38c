using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>
/// Gaussian (multiplicative-noise) dropout: training y = a⊙ε with εₑ ~ N(1, σ²), σ² = (1 − keepProb)/keepProb — the
/// mean and variance of inverted Bernoulli dropout's m/keepProb, without zeros; backward dx = ε⊙dy with the same ε;
/// inference y = a (Monte-Carlo <see cref="DropoutLayer{T}.DropAtEval"/> draws ε at inference too).
/// </summary>
/// <remarks>
/// <para>
/// Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 15 (2014), §10
/// (multiplicative Gaussian noise); Keras <c>GaussianDropout(rate)</c> with rate = 1 − keepProb.
/// </para>
/// <para>
/// εₑ = 1 + σ·zₑ, where zₑ ~ N(0, 1) is a pure function of the <see cref="CounterMasks"/>' seed, step, layer site and
/// the element e: Box–Muller with both outputs, four normals per Philox block — u₁ = (w₁ + 1)·2⁻³² ∈ (0, 1],
/// t = w₂·2⁻³¹ ∈ [0, 2), r = √(−2 ln u₁), z = r·cos(π·t) and r·sin(π·t) (exactly as <c>GaussianNoise</c> states) — with
/// the library's own ln and cos, the same bits on any thread count and CPU.
/// ε is computed in double and rounded once to T. <see cref="DropoutLayer{T}.ReuseMask"/> keeps the last ε. With
/// <see cref="MaskSharing.Feature"/> unit r's ε(r, j) = 1 + σ·z_r for every example j (z_r the stream's index r).
/// </para>
/// <para>
/// Design: a small subclass of the one <see cref="DropoutLayer{T}"/>, which keeps keepProb, its range check, the modes
/// and the identity at inference; the variant overrides only the training step (noise in place of keep bits). The
/// noise needs the counter stream, so the source is a <see cref="CounterMasks"/>. ε has mean 1 by construction, so the
/// only scaling rule is <see cref="DropoutScaling.Inverted"/>. No element is dropped: <see cref="DropoutLayer{T}.WasKept"/>
/// is true for all.
/// </para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class GaussianDropout<T> : DropoutLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double _noiseStd;
    private double[] _standardNormals = [];
    private T[] _noise = [];

    /// <summary>Creates the layer.</summary>
    /// <param name="keepProb">The keep probability whose dropout this matches, in (0, 1]; σ² = (1 − keepProb)/keepProb.</param>
    /// <param name="noise">The counter stream (seed, step, layer site) the noise is keyed by.</param>
    /// <param name="threads">Cores the noise may be drawn on; 0 means all. The noise does not depend on it.</param>
    /// <exception cref="ArgumentOutOfRangeException">keepProb is not in (0, 1] (the message names the value), or threads &lt; 0.</exception>
    /// <exception cref="ArgumentNullException">noise is null.</exception>
    public GaussianDropout(double keepProb, CounterMasks noise, int threads = 0)
        : base(keepProb, DropoutScaling.Inverted, noise, threads, ComputeKernels.Reference)
    {
        _noiseStd = Math.Sqrt((1.0 - keepProb) / keepProb);
    }

    /// <summary>σ = √((1 − keepProb)/keepProb), the standard deviation of ε.</summary>
    public double NoiseStandardDeviation => _noiseStd;

    private protected override bool Rectifies => false;

    /// <summary>The multiplier εₑ of element <paramref name="element"/> in the last dropping pass.</summary>
    /// <exception cref="InvalidOperationException">No training pass has run.</exception>
    public T NoiseAt(int element)
    {
        if (_noise.Length == 0)
        {
            throw new InvalidOperationException("No training pass has drawn noise yet.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(element);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(element, _noise.Length);
        return _noise[element];
    }

    /// <summary>The same layer; only <see cref="DropoutScaling.Inverted"/> applies (ε has mean 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">scaling is not Inverted.</exception>
    public override DropoutLayer<T> WithScaling(DropoutScaling scaling)
    {
        if (scaling != DropoutScaling.Inverted)
        {
            throw new ArgumentOutOfRangeException(nameof(scaling), scaling, $"Gaussian dropout's noise has mean 1, so only the inverted rule applies, but got {scaling}.");
        }

        return new GaussianDropout<T>(KeepProb, (CounterMasks)Masks, Threads) { Sharing = Sharing };
    }

    // y = a⊙ε, εₑ = 1 + σ·zₑ drawn from the stream (or the last ε when reusing); every keep bit set
    private protected override void TrainForward(ReadOnlySpan<T> input, Span<T> output, DropoutStream? stream)
    {
        if (stream is { } drawing)
        {
            EnsureBuffers(input.Length);

            GaussianNoise.Fill(drawing, _standardNormals, Threads);
            for (int e = 0; e < _noise.Length; e++)
            {
                _noise[e] = T.CreateChecked(1.0 + (_noiseStd * _standardNormals[e]));
            }

            MarkAllKept(input.Length);
        }

        ElementwiseKernels.Multiply<T>(input, _noise, output);
    }

    // Feature sharing: ε(r, j) = 1 + σ·z_r, one standard normal per unit r (index r of the stream); every keep bit set
    private protected override void SharedForward(Matrix<T> input, Matrix<T> output, DropoutStream stream)
    {
        int units = input.Rows, examples = input.Columns;
        EnsureBuffers(input.Data.Length);

        GaussianNoise.Fill(stream, _standardNormals.AsSpan(0, units));
        for (int r = 0; r < units; r++)
        {
            _noise.AsSpan(r * examples, examples).Fill(T.CreateChecked(1.0 + (_noiseStd * _standardNormals[r])));
        }

        MarkAllKept(input.Data.Length);
        TrainForward(input.Data, output.Data, null);
    }

    // ε and z for every element of a pass, reused while the size stays the same.
    private void EnsureBuffers(int elements)
    {
        if (_noise.Length != elements)
        {
            _noise = new T[elements];
            _standardNormals = new double[elements];
        }
    }

    // Nothing is dropped: the keep bits of the first elements are all set, the spare bits of the last word clear.
    private void MarkAllKept(int elements)
    {
        MaskWords.Fill(ulong.MaxValue);
        int spare = (DropoutKernel.MaskWordCount(elements) * DropoutMaskBits.GroupSize) - elements;
        if (spare > 0)
        {
            MaskWords[^1] >>= spare;
        }
    }

    // dx = ε⊙dy
    private protected override void TrainBackward(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
    {
        ElementwiseKernels.Multiply<T>(outputGradient, _noise, inputGradient);
    }
}
