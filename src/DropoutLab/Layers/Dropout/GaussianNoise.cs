using DropoutLab.Numerics.Operators;
using DropoutLab.Numerics.Simd;
using DropoutLab.Random;
using DropoutLab.Threading;

namespace DropoutLab.Layers;

/// <summary>
/// Counter-based standard normals: zₑ is a pure function of (seed, step, layer, e), so any thread count and any
/// instruction set draw the same noise. Pair j = ⌊e/2⌋ takes the words (w₁, w₂) = (w_(2i), w_(2i+1)), i = j mod 2, of
/// Philox4x32-10(key = (seed_lo, seed_hi), counter = (⌊j/2⌋, step_lo, step_hi, layer)), so one block gives four normals,
/// and applies Box–Muller with both of its outputs: u₁ = (w₁ + 1)·2⁻³² ∈ (0, 1], t = w₂·2⁻³¹ ∈ [0, 2),
/// r = √(−2 ln u₁), z_(2j) = r·cos(π·t), z_(2j+1) = r·sin(π·t)
/// (Box and Muller, "A Note on the Generation of Random Normal Deviates", Ann. Math. Statist. 29, 1958).
/// </summary>
/// <remarks>
/// ln is <see cref="BoxMullerRadiusOperator"/>'s series for [2⁻³², 1] (relative error below about 10⁻¹³), cos and sin
/// are <c>CosPi</c>'s polynomials at the exact arguments t and |t − ½|, and the square root is IEEE 754's correctly
/// rounded one, all lane-wise with plain additions, multiplications and divisions, so the bits are the same at every
/// register width, thread count and CPU. u₁ &gt; 0 keeps ln finite; |zₑ| ≤ √(64·ln 2) ≈ 6.66, a tail cut far beyond what a
/// layer's noise needs.
/// </remarks>
internal static class GaussianNoise
{
    /// <summary>2⁻³², the spacing of u₁.</summary>
    private const double WordSpacing = 1.0 / 4294967296.0;

    /// <summary>Philox blocks (four elements each) per chunk converted together.</summary>
    private const int ChunkBlocks = 64;

    /// <summary>Fewest blocks a thread takes, so small layers stay on one thread.</summary>
    private const int MinimumBlocksPerPartition = 1024;

    /// <summary>zₑ for e = 0 .. <paramref name="destination"/>.Length − 1, on up to <paramref name="threads"/> cores (0 = all).</summary>
    public static unsafe void Fill(DropoutStream stream, Span<double> destination, int threads = 1)
    {
        fixed (double* pointer = destination)
        {
            var pass = new NoisePass { Destination = pointer, Length = destination.Length, Stream = stream, Width = SimdWidths.Best };
            RangeRunner.Run(pass, (destination.Length + 3) / 4, MinimumBlocksPerPartition, threads);
        }
    }

    /// <summary>zₑ of one element, as <see cref="Fill"/> computes it.</summary>
    public static double Element(DropoutStream stream, int element)
    {
        int pair = element / 2;
        Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(pair / 2)), stream.Key);
        (uint first, uint second) = pair % 2 == 0 ? (words.Word0, words.Word1) : (words.Word2, words.Word3);
        Scalar<double> radius = default(BoxMullerRadiusOperator).Invoke(Scalar<double>.Create(Uniform(first)));
        Scalar<double> turns = Scalar<double>.Create(Turns(second));
        Scalar<double> z = element % 2 == 0
            ? default(BoxMullerCosineOperator).Invoke(radius, turns)
            : default(BoxMullerSineOperator).Invoke(radius, turns);
        return Scalar<double>.GetElement(z, 0);
    }

    // u₁ = (w₁ + 1)·2⁻³² and t = w₂·2⁻³¹, both exact in double
    private static double Uniform(uint word) => ((double)word + 1.0) * WordSpacing;

    private static double Turns(uint word) => word * (2.0 * WordSpacing);

    /// <summary>Blocks [start, end) of one layer's noise: Philox words, then Box–Muller lane-wise.</summary>
    private unsafe struct NoisePass : IRangeBody
    {
        public double* Destination;
        public int Length;
        public DropoutStream Stream;
        public SimdWidth Width;

        public readonly void Run(int start, int end)
        {
            Philox4x32Key key = Stream.Key;
            Span<uint> words = stackalloc uint[4 * ChunkBlocks];
            Span<double> radius = stackalloc double[2 * ChunkBlocks];
            Span<double> turns = stackalloc double[2 * ChunkBlocks];
            Span<double> cosine = stackalloc double[2 * ChunkBlocks];
            Span<double> sine = stackalloc double[2 * ChunkBlocks];
            for (int chunk = start; chunk < end; chunk += ChunkBlocks)
            {
                int blocks = Math.Min(ChunkBlocks, end - chunk);
                int pairs = 2 * blocks;
                Philox4x32.Fill(key, Stream.Counter((uint)chunk), words[..(4 * blocks)]);
                for (int j = 0; j < pairs; j++)
                {
                    radius[j] = Uniform(words[2 * j]);
                    turns[j] = Turns(words[(2 * j) + 1]);
                }

                SimdDriver.Map(radius[..pairs], radius[..pairs], default(BoxMullerRadiusOperator), Width);
                SimdDriver.Map(radius[..pairs], turns[..pairs], cosine[..pairs], default(BoxMullerCosineOperator), Width);
                SimdDriver.Map(radius[..pairs], turns[..pairs], sine[..pairs], default(BoxMullerSineOperator), Width);
                int first = 4 * chunk;
                int elements = Math.Min(4 * blocks, Length - first);
                for (int e = 0; e < elements; e++)
                {
                    Destination[first + e] = e % 2 == 0 ? cosine[e / 2] : sine[e / 2];
                }
            }
        }
    }
}
