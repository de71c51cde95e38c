using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Functions;

/// <summary>
/// cos(π·t) in managed code with plain IEEE 754 operations (no C library, no fused multiply–add), for the cosine
/// learning-rate schedule, whose steps are part of every training trajectory, and for Box–Muller's cos(π·t) and sin(π·t).
/// </summary>
/// <remarks>
/// Reduction by the exact symmetries of cos(π·t): period 2 (t − 2⌊t/2⌋), cos(π(2 − t)) = cos(πt),
/// cos(π(1 − t)) = −cos(πt) and cos(π(½ − t)) = sin(πt), each subtraction exact (Sterbenz), down to t in [0, ¼];
/// then x = π·t (one rounding) and Taylor polynomials of cos x and sin x on |x| ≤ π/4 through x¹⁸ and x¹⁹, whose
/// truncation error is below 2⁻⁶⁰. Error about 1 ulp; exactly 1, 0 and −1 at t = 0, ½ and 1. The polynomials are
/// generic over the lane type, so the scalar <see cref="Evaluate"/> and the lane-wise <see cref="OnZeroToTwo"/> give
/// the same bits.
/// </remarks>
internal static class CosPi
{
    public static double Evaluate(double t)
    {
        if (!double.IsFinite(t))
        {
            return double.NaN;
        }

        t = Math.Abs(t);
        t -= 2.0 * Math.Floor(t * 0.5);
        if (t > 1.0)
        {
            t = 2.0 - t;
        }

        double sign = 1.0;
        if (t > 0.5)
        {
            t = 1.0 - t;
            sign = -1.0;
        }

        return t > 0.25
            ? sign * Scalar<double>.GetElement(Sin(Scalar<double>.Create(Math.PI * (0.5 - t))), 0)
            : sign * Scalar<double>.GetElement(Cos(Scalar<double>.Create(Math.PI * t)), 0);
    }

    /// <summary>
    /// cos(π·t) lane by lane for t in [0, 2), where the period reduction is the identity: the same reductions and
    /// polynomials as <see cref="Evaluate"/>, both branches computed and selected, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV OnZeroToTwo<TV>(TV t)
        where TV : unmanaged, IVector<TV, double>
    {
        TV one = TV.Create(1.0);
        TV half = TV.Create(0.5);
        TV folded = TV.Select(TV.CompareGreaterThan(t, one), TV.Create(2.0) - t, t);
        TV upper = TV.CompareGreaterThan(folded, half);
        TV r = TV.Select(upper, one - folded, folded);
        TV sign = TV.Select(upper, TV.Create(-1.0), one);
        TV pi = TV.Create(Math.PI);
        TV value = TV.Select(TV.CompareGreaterThan(r, TV.Create(0.25)), Sin(pi * (half - r)), Cos(pi * r));
        return sign * value;
    }

    // cos x = Σ (−1)ᵏ x²ᵏ/(2k)! for k ≤ 9, Horner in x²
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Cos<TV>(TV x)
        where TV : unmanaged, IVector<TV, double>
    {
        TV z = x * x;
        TV minusZ = -z;
        TV p = TV.Create(1.0 / 6402373705728000.0);
        p = (p * minusZ) + TV.Create(1.0 / 20922789888000.0);
        p = (p * minusZ) + TV.Create(1.0 / 87178291200.0);
        p = (p * minusZ) + TV.Create(1.0 / 479001600.0);
        p = (p * minusZ) + TV.Create(1.0 / 3628800.0);
        p = (p * minusZ) + TV.Create(1.0 / 40320.0);
        p = (p * minusZ) + TV.Create(1.0 / 720.0);
        p = (p * minusZ) + TV.Create(1.0 / 24.0);
        p = (p * minusZ) + TV.Create(0.5);
        return TV.Create(1.0) - (z * p);
    }

    // sin x = Σ (−1)ᵏ x²ᵏ⁺¹/(2k+1)! for k ≤ 9, Horner in x²
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Sin<TV>(TV x)
        where TV : unmanaged, IVector<TV, double>
    {
        TV z = x * x;
        TV minusZ = -z;
        TV p = TV.Create(1.0 / 121645100408832000.0);
        p = (p * minusZ) + TV.Create(1.0 / 355687428096000.0);
        p = (p * minusZ) + TV.Create(1.0 / 1307674368000.0);
        p = (p * minusZ) + TV.Create(1.0 / 6227020800.0);
        p = (p * minusZ) + TV.Create(1.0 / 39916800.0);
        p = (p * minusZ) + TV.Create(1.0 / 362880.0);
        p = (p * minusZ) + TV.Create(1.0 / 5040.0);
        p = (p * minusZ) + TV.Create(1.0 / 120.0);
        p = (p * minusZ) + TV.Create(1.0 / 6.0);
        return x - (x * (z * p));
    }
}
