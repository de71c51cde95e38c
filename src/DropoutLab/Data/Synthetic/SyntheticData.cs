using DropoutLab.Numerics;
using DropoutLab.Numerics.Functions;
using DropoutLab.Random;

namespace DropoutLab.Data;

/// <summary>
/// Two-class 2-D datasets drawn from an injected generator, the same bits on every CPU and in WebAssembly: only the
/// generator's uniforms u ∈ [0, 1) and normals z ~ N(0, 1), IEEE 754 +, −, × and the library's own cos(π·t)
/// (<see cref="CosPi"/>) are used, never <see cref="Math.Sin(double)"/> or <see cref="Math.Cos(double)"/>.
/// </summary>
/// <remarks>
/// Example j has label j mod 2 (so the classes differ in size by at most one) and takes, in this order, the shape's
/// uniforms and then the normals z₁, z₂ of its noise, x = point + σ·(z₁, z₂):
/// <list type="bullet">
/// <item><b>moons</b> (σ = <see cref="MoonsNoise"/>): θ = π·u, the upper half circle (cos θ, sin θ) for label 0 and
/// the lower one shifted, (1 − cos θ, ½ − sin θ), for label 1, then mapped by p ↦ ⅔·(p − (½, ¼)) into
/// [−1, 1] × [−½, ½].</item>
/// <item><b>circles</b> (σ = <see cref="CirclesNoise"/>): θ = 2π·u, r·(cos θ, sin θ) with r = 1 for label 0 and
/// r = ½ for label 1.</item>
/// <item><b>xor</b> (σ = <see cref="XorNoise"/>): a = u₁, b = u₂, s = −1 if u₃ &lt; ½ else +1; (s·a, s·b) for
/// label 1 and (s·a, −s·b) for label 0: uniform on [−1, 1]², label 1 where x1·x2 &gt; 0 (before the noise).</item>
/// <item><b>spiral</b> (σ = <see cref="SpiralNoise"/>): t = u, r = ⅕ + ⅘·t, θ = 2.5π·t + π·label, r·(cos θ, sin θ):
/// two arms of 1¼ turns, the second the first turned by π.</item>
/// </list>
/// </remarks>
public static class SyntheticData
{
    /// <summary>σ of the moons' noise (in the mapped coordinates).</summary>
    public const double MoonsNoise = 0.15;

    /// <summary>σ of the circles' noise.</summary>
    public const double CirclesNoise = 0.15;

    /// <summary>σ of the XOR points' noise.</summary>
    public const double XorNoise = 0.08;

    /// <summary>σ of the spiral's noise.</summary>
    public const double SpiralNoise = 0.085;

    /// <summary>
    /// <paramref name="count"/> points of <paramref name="shape"/> as 2 × count features (x1 in row 0, x2 in row 1),
    /// labels j mod 2, drawn from <paramref name="random"/> as described on <see cref="SyntheticData"/>;
    /// <paramref name="source"/> names the data in messages.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 2 (both classes are needed), or <paramref name="shape"/> is not defined.</exception>
    public static Dataset Generate(SyntheticShape shape, int count, IRandomSource random, string source)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var features = new Matrix<double>(2, count);
        var labels = new int[count];
        double noise = Noise(shape);
        for (int j = 0; j < count; j++)
        {
            int label = j & 1;
            (double x1, double x2) = shape switch
            {
                SyntheticShape.Moons => Moon(label, random.NextDouble()),
                SyntheticShape.Circles => Circle(label, random.NextDouble()),
                SyntheticShape.Xor => Xor(label, random.NextDouble(), random.NextDouble(), random.NextDouble()),
                _ => SpiralArm(label, random.NextDouble()),
            };
            features[0, j] = x1 + (noise * random.NextGaussian());
            features[1, j] = x2 + (noise * random.NextGaussian());
            labels[j] = label;
        }

        return new Dataset(features, labels, 2, source);
    }

    private static double Noise(SyntheticShape shape) => shape switch
    {
        SyntheticShape.Moons => MoonsNoise,
        SyntheticShape.Circles => CirclesNoise,
        SyntheticShape.Xor => XorNoise,
        SyntheticShape.Spiral => SpiralNoise,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "not a synthetic shape."),
    };

    // cos(π·t) and sin(π·t) = cos(π·(t − ½))
    private static double CosOfPi(double t) => CosPi.Evaluate(t);

    private static double SinOfPi(double t) => CosPi.Evaluate(t - 0.5);

    // θ = π·u; (cos θ, sin θ) or (1 − cos θ, ½ − sin θ), then ⅔·(p − (½, ¼))
    private static (double X1, double X2) Moon(int label, double u)
    {
        double cos = CosOfPi(u);
        double sin = SinOfPi(u);
        (double x, double y) = label == 0 ? (cos, sin) : (1.0 - cos, 0.5 - sin);
        return ((x - 0.5) * (2.0 / 3.0), (y - 0.25) * (2.0 / 3.0));
    }

    // θ = 2π·u; r·(cos θ, sin θ), r = 1 or ½
    private static (double X1, double X2) Circle(int label, double u)
    {
        double radius = label == 0 ? 1.0 : 0.5;
        return (radius * CosOfPi(2.0 * u), radius * SinOfPi(2.0 * u));
    }

    // (s·a, ±s·b): both signs equal for label 1, opposite for label 0
    private static (double X1, double X2) Xor(int label, double a, double b, double signDraw)
    {
        double sign = signDraw < 0.5 ? -1.0 : 1.0;
        return (sign * a, (label == 1 ? sign : -sign) * b);
    }

    // r = ⅕ + ⅘·t, θ = 2.5π·t + π·label
    private static (double X1, double X2) SpiralArm(int label, double t)
    {
        double radius = 0.2 + (0.8 * t);
        double turn = (2.5 * t) + label;
        return (radius * CosOfPi(turn), radius * SinOfPi(turn));
    }
}
