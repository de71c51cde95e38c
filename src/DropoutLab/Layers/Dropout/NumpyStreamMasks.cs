using DropoutLab.Random;

namespace DropoutLab.Layers;

/// <summary>
/// Masks as numpy code draws them, <c>D = np.random.rand(n, m) &lt; keep_prob</c>: one uniform per element in
/// row-major order from a shared generator, element kept when u &lt; keepProb; inverted scaling divides by keepProb
/// as that code does. Used by the course network, the depth study and explain, so they match numpy bit for bit.
/// </summary>
public sealed class NumpyStreamMasks : MaskSource
{
    private const int Chunk = 256;
    private readonly IRandomSource _random;

    /// <summary>Draws from <paramref name="random"/>; layers that share it draw in the order their passes run.</summary>
    public NumpyStreamMasks(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    internal override bool DividesByKeepProb => true;

    // bit e = [uₑ < keepProb], the uₑ drawn in order (the same numbers as one NextDouble per element)
    internal override DropoutStream? Prepare(Span<ulong> mask, int elements, double keepProb)
    {
        Span<double> uniforms = stackalloc double[Chunk];
        mask.Clear();
        for (int start = 0; start < elements; start += Chunk)
        {
            Span<double> draws = uniforms[..Math.Min(Chunk, elements - start)];
            _random.NextDoubles(draws);
            for (int i = 0; i < draws.Length; i++)
            {
                int e = start + i;
                mask[e / DropoutMaskBits.GroupSize] |= (draws[i] < keepProb ? 1UL : 0UL) << (e % DropoutMaskBits.GroupSize);
            }
        }

        return null;
    }
}
