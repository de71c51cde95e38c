using DropoutLab.Numerics.Operators;
using DropoutLab.Numerics.Simd;
using DropoutLab.Random;
using DropoutLab.Threading;

namespace DropoutLab.Layers;

/// <summary>
/// Counter-based standard normals: zₑ is a pure function of (seed, step, layer, e), so any thread count and any
/// instruction set draw the same noise. Element e takes the words (w₁, w₂) = (w_(2j), w_(2j+1)), j = e mod 2, of
/// Philox4x32-10(key = (seed_lo, seed_hi), counter = (⌊e/2⌋, step_lo, step_hi, layer)) and applies Box–Muller:
/// u₁ = (w₁ + 1)·2⁻³² ∈ (0, 1], u₂ = w₂·2⁻³² ∈ [0, 1), zₑ = √(−2 ln u₁)·cos(2π·u₂)
/// (Box and Muller, "A Note on the Generation of Random Normal Deviates", Ann. Math. Statist. 29, 1958).
/// </summary>
/// <remarks>
/// ln is <c>PortableMath.Log</c>'s, cos(2π·u₂) is <c>CosPi</c> at the exact argument 2·u₂, and the square root is
/// IEEE 754's correctly rounded one, so the bits are the same everywhere (<see cref="BoxMullerOperator"/> runs them
/// lane-wise, the same bits as one element at a time). u₁ &gt; 0 keeps ln finite; |zₑ| ≤ √(64·ln 2) ≈ 6.66, a tail
/// cut far beyond what a layer's noise needs.
/// </remarks>
internal static class GaussianNoise
{
    /// <summary>2⁻³², the spacing of the uniforms.</summary>
    private const double WordSpacing = 1.0 / 4294967296.0;

    /// <summary>Philox blocks (two elements each) per chunk of uniforms converted together.</summary>
    private const int ChunkBlocks = 128;

    /// <summary>Fewest blocks a thread takes, so small layers stay on one thread.</summary>
    private const int MinimumBlocksPerPartition = 2048;

    /// <summary>zₑ for e = 0 .. <paramref name="destination"/>.Length − 1, on up to <paramref name="threads"/> cores (0 = all).</summary>
    public static unsafe void Fill(DropoutStream stream, Span<double> destination, int threads = 1)
    {
        fixed (double* pointer = destination)
        {
            var pass = new NoisePass { Destination = pointer, Length = destination.Length, Stream = stream, Width = SimdWidths.Best };
            RangeRunner.Run(pass, (destination.Length + 1) / 2, MinimumBlocksPerPartition, threads);
        }
    }

    /// <summary>zₑ of one element, as <see cref="Fill"/> computes it.</summary>
    public static double Element(DropoutStream stream, int element)
    {
        Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(element / 2)), stream.Key);
        (uint first, uint second) = element % 2 == 0 ? (words.Word0, words.Word1) : (words.Word2, words.Word3);
        double u1 = Uniform1(first), u2 = Uniform2(second);
        return Scalar<double>.GetElement(default(BoxMullerOperator).Invoke(Scalar<double>.Create(u1), Scalar<double>.Create(u2)), 0);
    }

    // u₁ = (w₁ + 1)·2⁻³², u₂ = w₂·2⁻³² (both exact in double)
    private static double Uniform1(uint word) => ((double)word + 1.0) * WordSpacing;

    private static double Uniform2(uint word) => word * WordSpacing;

    /// <summary>Blocks [start, end) of one layer's noise: uniforms from Philox, then Box–Muller lane-wise.</summary>
    private unsafe struct NoisePass : IRangeBody
    {
        public double* Destination;
        public int Length;
        public DropoutStream Stream;
        public SimdWidth Width;

        public readonly void Run(int start, int end)
        {
            Philox4x32Key key = Stream.Key;
            Span<double> first = stackalloc double[2 * ChunkBlocks];
            Span<double> second = stackalloc double[2 * ChunkBlocks];
            for (int chunk = start; chunk < end; chunk += ChunkBlocks)
            {
                int blocks = Math.Min(ChunkBlocks, end - chunk);
                int firstElement = 2 * chunk;
                int elements = Math.Min(2 * blocks, Length - firstElement);
                for (int b = 0; b < blocks; b++)
                {
                    Philox4x32Block words = Philox4x32.Evaluate(Stream.Counter((uint)(chunk + b)), key);
                    first[2 * b] = Uniform1(words.Word0);
                    second[2 * b] = Uniform2(words.Word1);
                    first[(2 * b) + 1] = Uniform1(words.Word2);
                    second[(2 * b) + 1] = Uniform2(words.Word3);
                }

                SimdDriver.Map(first[..elements], second[..elements], new Span<double>(Destination + firstElement, elements), default(BoxMullerOperator), Width);
            }
        }
    }
}
