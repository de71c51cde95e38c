using DropoutLab.Numerics;
using DropoutLab.Numerics.Functions;
using DropoutLab.Random;

namespace DropoutLab.Layers;

/// <summary>
/// Counter-based standard normals: zₑ is a pure function of (seed, step, layer, e), so any thread count and any
/// instruction set draw the same noise. Element e takes the words (w₁, w₂) = (w_(2j), w_(2j+1)), j = e mod 2, of
/// Philox4x32-10(key = (seed_lo, seed_hi), counter = (⌊e/2⌋, step_lo, step_hi, layer)) and applies Box–Muller:
/// u₁ = (w₁ + 1)·2⁻³² ∈ (0, 1], u₂ = w₂·2⁻³² ∈ [0, 1), zₑ = √(−2 ln u₁)·cos(2π·u₂)
/// (Box and Muller, "A Note on the Generation of Random Normal Deviates", Ann. Math. Statist. 29, 1958).
/// </summary>
/// <remarks>
/// ln is <see cref="PortableMath.Log(double)"/>, cos(2π·u₂) is <see cref="CosPi"/> at the exact argument 2·u₂, and the
/// square root is IEEE 754's correctly rounded one, so the bits are the same everywhere. u₁ &gt; 0 keeps ln finite;
/// |zₑ| ≤ √(64·ln 2) ≈ 6.66, a tail cut far beyond what a layer's noise needs.
/// </remarks>
internal static class GaussianNoise
{
    /// <summary>2⁻³², the spacing of the uniforms.</summary>
    private const double WordSpacing = 1.0 / 4294967296.0;

    /// <summary>zₑ for e = 0 .. <paramref name="destination"/>.Length − 1.</summary>
    public static void Fill(DropoutStream stream, Span<double> destination)
    {
        Philox4x32Key key = stream.Key;
        for (int e = 0; e < destination.Length; e += 2)
        {
            Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(e / 2)), key);
            destination[e] = BoxMuller(words.Word0, words.Word1);
            if (e + 1 < destination.Length)
            {
                destination[e + 1] = BoxMuller(words.Word2, words.Word3);
            }
        }
    }

    /// <summary>zₑ of one element, as <see cref="Fill"/> computes it.</summary>
    public static double Element(DropoutStream stream, int element)
    {
        Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(element / 2)), stream.Key);
        return element % 2 == 0 ? BoxMuller(words.Word0, words.Word1) : BoxMuller(words.Word2, words.Word3);
    }

    // z = √(−2 ln u₁)·cos(2π u₂), u₁ = (w₁ + 1)·2⁻³², u₂ = w₂·2⁻³² (both exact in double)
    private static double BoxMuller(uint word1, uint word2)
    {
        double u1 = ((double)word1 + 1.0) * WordSpacing;
        double u2 = word2 * WordSpacing;
        return Math.Sqrt(-2.0 * PortableMath.Log(u1)) * CosPi.Evaluate(2.0 * u2);
    }
}
