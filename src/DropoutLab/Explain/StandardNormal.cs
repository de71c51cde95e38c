using DropoutLab.Numerics;
using DropoutLab.Numerics.Functions;
using DropoutLab.Random;

namespace DropoutLab.Explain;

/// <summary>
/// Standard normal deviates from two uniform draws u₁, u₂ ∈ [0, 1) of an injected generator (Box and Muller 1958):
/// g = √(−2·ln(1 − u₁))·cos(2π·u₂). 1 − u₁ ∈ (0, 1], so the logarithm is finite. The logarithm and cosine are the
/// library's own (<see cref="PortableMath.Log(double)"/>, <see cref="CosPi"/>) and √ is correctly rounded, so every
/// deviate is the same bits on every CPU, at every instruction set and in WebAssembly.
/// </summary>
internal static class StandardNormal
{
    public static double Draw(IRandomSource random)
    {
        double u1 = random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * PortableMath.Log(1.0 - u1)) * CosPi.Evaluate(2.0 * u2);
    }
}
