using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Functions;

/// <summary>
/// Constants and error-free transformations for the owned transcendental functions, written once over every
/// register type. Every helper is a fixed sequence of correctly rounded IEEE 754 operations without fused
/// multiply–add, so it returns the same bits in scalar code and at every vector width.
/// </summary>
/// <typeparam name="T">The lane type, double or float.</typeparam>
internal static class Lanes<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// All lanes <paramref name="value"/>: its exact bits for double lanes, the nearest float for float lanes
    /// (exact when <paramref name="value"/> was written as a float literal).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Constant<TV>(double value)
        where TV : unmanaged, IVector<TV, T>
        => TV.CreateBits(typeof(T) == typeof(double)
            ? BitConverter.DoubleToUInt64Bits(value)
            : BitConverter.SingleToUInt32Bits((float)value));

    /// <summary>
    /// hi + lo = a + b exactly with hi = fl(a + b), provided |a| ≥ |b| or a = 0 (Dekker 1971, "Fast2Sum").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV FastTwoSum<TV>(TV a, TV b, out TV lo)
        where TV : unmanaged, IVector<TV, T>
    {
        TV hi = a + b;
        lo = (a - hi) + b;
        return hi;
    }

    /// <summary>hi + lo = a + b exactly with hi = fl(a + b), for any finite a, b (Knuth's TwoSum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV TwoSum<TV>(TV a, TV b, out TV lo)
        where TV : unmanaged, IVector<TV, T>
    {
        TV hi = a + b;
        TV bVirtual = hi - a;
        lo = (a - (hi - bVirtual)) + (b - bVirtual);
        return hi;
    }

    /// <summary>
    /// hi + lo = a·b exactly with hi = fl(a·b), for double lanes whose product neither overflows nor underflows
    /// (Dekker 1971): Veltkamp's splitting c = (2²⁷ + 1)·a, a₁ = c − (c − a), a₂ = a − a₁ cuts each factor into two
    /// 26-bit halves whose four partial products are exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV TwoProduct<TV>(TV a, TV b, out TV lo)
        where TV : unmanaged, IVector<TV, T>
    {
        TV splitter = Constant<TV>(134217729.0);
        TV hi = a * b;
        TV ca = splitter * a;
        TV aHigh = ca - (ca - a);
        TV aLow = a - aHigh;
        TV cb = splitter * b;
        TV bHigh = cb - (cb - b);
        TV bLow = b - bHigh;
        lo = ((((aHigh * bHigh) - hi) + (aHigh * bLow)) + (aLow * bHigh)) + (aLow * bLow);
        return hi;
    }

    /// <summary>All ones in the lanes where <paramref name="x"/> is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV IsNaN<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
        => ~TV.CompareEqual(x, x);
}
