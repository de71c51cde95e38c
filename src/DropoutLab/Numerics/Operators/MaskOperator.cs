using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>
/// y = (x·m)/keepProb when dividing (inverted dropout), else y = x·m: a product then a correctly rounded quotient,
/// the two roundings of numpy's <c>a * d / keep_prob</c>.
/// </summary>
/// <remarks>
/// Where the hardware fuses multiply–adds the quotient q = RN(p/b) of p = x·m is formed without the divider
/// (Markstein 1990): with r = RN(1/b), q₀ = RN(p·r) and the exact residual e = p − b·q₀, RN(q₀ + e·r) = RN(p/b) for
/// every p whose residual cannot underflow or overflow (2⁻⁹⁶⁹ ≤ |p| ≤ 2¹⁰⁰⁰) and b = keepProb in (0, 1]. Zero lanes
/// keep p itself (±0/b = ±0); a register holding any other lane (subnormal, huge, ±∞, NaN) is divided. The result is
/// the correctly rounded quotient either way, so it has the same bits as <c>p / b</c> on every machine.
/// </remarks>
internal readonly struct MaskOperator<T>(T keepProb, bool divide) : IBinaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T _reciprocal = T.One / keepProb;

    /// <param name="x">The activations a.</param>
    /// <param name="mask">The mask m, 1 kept or 0 dropped.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x, TV mask)
        where TV : unmanaged, IVector<TV, T>
    {
        TV y = x * mask;
        if (!divide)
        {
            return y;
        }

        TV divisor = TV.Create(keepProb);
        if (!TV.HasFusedMultiplyAdd)
        {
            return y / divisor;
        }

        bool isDouble = typeof(T) == typeof(double);
        TV magnitude = y & TV.CreateBits(isDouble ? 0x7FFF_FFFF_FFFF_FFFFUL : 0x7FFF_FFFFUL);
        TV zero = TV.CompareEqual(magnitude, TV.Zero);
        TV safe = TV.CompareGreaterThanOrEqual(magnitude, TV.CreateBits(isDouble ? 0x0360_0000_0000_0000UL : 0x0D80_0000UL))
            & TV.CompareLessThanOrEqual(magnitude, TV.CreateBits(isDouble ? 0x7E70_0000_0000_0000UL : 0x7E00_0000UL));
        if (TV.AnyBitSet(~(safe | zero)))
        {
            return y / divisor;
        }

        TV reciprocal = TV.Create(_reciprocal);
        TV q = y * reciprocal;
        TV residual = TV.FusedMultiplyAdd(-q, divisor, y);
        return TV.Select(zero, y, TV.FusedMultiplyAdd(residual, reciprocal, q));
    }
}
