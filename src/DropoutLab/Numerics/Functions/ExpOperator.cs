using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Functions;

/// <summary>
/// eˣ lane by lane for double and float lanes, with the same bits in scalar code and at every vector width.
/// </summary>
/// <remarks>
/// <para>
/// Method (Cody &amp; Waite 1980; Muller, "Elementary Functions", ch. 11): x = n·ln 2 + r with n = round(x / ln 2),
/// so eˣ = 2ⁿ·eʳ and |r| ≤ ln 2 / 2 (slightly more, since n comes from the rounded product x·(1/ln 2)).
/// n is found by adding and subtracting the "shifter" 1.5·2⁵² (1.5·2²³ for float), whose sum rounds to an
/// integer that sits in the low bits of the significand; shifting those bits into the exponent field gives the
/// integer that, added to the bits of eʳ, multiplies it by 2ⁿ. No float↔integer conversion is needed.
/// ln 2 = L₁ + L₂ with L₁ short enough (42 bits; 16 for float) that n·L₁ and x − n·L₁ are exact; the rounding error
/// of r = (x − n·L₁) − n·L₂ is carried separately (Fast2Sum).
/// </para>
/// <para>
/// eʳ = 1 + r + r²/2 + r³·P(r) with P the Taylor series of (eʳ − 1 − r − r²/2)/r³ truncated after r¹¹/14! (r⁵/8!
/// for float), whose truncation error is below 2⁻⁶⁰ (2⁻³¹) relative. 1 + r + r²/2 is formed exactly as hi + lo
/// (Fast2Sum, and Veltkamp's splitting for r²), the small terms and the reduction error are added to lo, and the
/// result carries one final rounding. Measured max error (200-bit reference): 0.521 ulp for double results in the
/// normal range, 0.75 ulp for subnormal results (rounded twice: eʳ to 53 bits, then to the subnormal's precision);
/// float below 0.75 ulp.
/// </para>
/// <para>
/// For |x| ≤ 707 (86 for float) 2ⁿ·eʳ is normal and the exponent addition is exact; that path has no branch.
/// Beyond, the lanes are recomputed with x clamped to [−746, 710] ([−104, 89] for float; eˣ there already
/// overflows or underflows) and scaled in two steps, 2ⁿ⁻⁵¹²·eʳ exact, then ·2⁵¹², so overflow gives +∞ and a
/// subnormal result is rounded once. NaN → NaN, +∞ → +∞, −∞ → +0, ±0 → 1.
/// </para>
/// </remarks>
/// <typeparam name="T">double or float.</typeparam>
internal readonly struct ExpOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>e raised to every lane of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        if (typeof(T) == typeof(double))
        {
            return ExpDouble(x);
        }

        if (typeof(T) == typeof(float))
        {
            return ExpSingle(x);
        }

        throw UnsupportedLaneType.Create<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV C<TV>(double value)
        where TV : unmanaged, IVector<TV, T>
        => Lanes<T>.Constant<TV>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpDouble<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV result = TV.AddBits(ReducedDouble(x, out TV exponentStep), exponentStep);
        TV rare = ~TV.CompareLessThanOrEqual(x & TV.CreateBits(0x7FFF_FFFF_FFFF_FFFFUL), C<TV>(707.0));
        if (TV.AnyBitSet(rare))
        {
            result = TV.Select(rare, RareDouble(x), result);
        }

        return result;
    }

    // eˣ for |x| > 707 and NaN: 2ⁿ·eʳ = (2^(n ∓ 512)·eʳ)·2^(±512), the first product exact, the second rounded once.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TV RareDouble<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV clamped = TV.Select(TV.CompareGreaterThan(x, C<TV>(710.0)), C<TV>(710.0), x);
        clamped = TV.Select(TV.CompareLessThan(clamped, C<TV>(-746.0)), C<TV>(-746.0), clamped);
        TV reduced = ReducedDouble(clamped, out TV exponentStep);
        TV negative = TV.CompareLessThan(clamped, TV.Zero);
        TV offset = TV.Select(negative, TV.CreateBits(unchecked((ulong)(-512L << 52))), TV.CreateBits(512UL << 52));
        TV scale = TV.Select(negative, TV.CreateBits(0x1FF0_0000_0000_0000UL), TV.CreateBits(0x5FF0_0000_0000_0000UL));
        TV result = TV.AddBits(reduced, TV.SubtractBits(exponentStep, offset)) * scale;
        return TV.Select(Lanes<T>.IsNaN(x), x + x, result);
    }

    // eʳ with r = x − n·ln 2, and n·2⁵² (the increment of the exponent field that multiplies by 2ⁿ).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ReducedDouble<TV>(TV x, out TV exponentStep)
        where TV : unmanaged, IVector<TV, T>
    {
        const double Shifter = 6755399441055744.0; // 1.5·2⁵²
        TV shifted = (x * C<TV>(1.4426950408889634)) + C<TV>(Shifter);
        TV n = shifted - C<TV>(Shifter);
        exponentStep = TV.ShiftLeftBits(shifted, 52);

        TV rHigh = x - (n * C<TV>(0.6931471805598903)); // L₁ = ln 2 to 42 bits: exact
        TV rLow = n * C<TV>(5.497923018708371e-14); // L₂ = ln 2 − L₁
        TV r = rHigh - rLow;
        TV rError = (rHigh - r) - rLow;

        // P(r) = Σₖ₌₃¹⁴ rᵏ⁻³/k!
        TV p = C<TV>(1.0 / 87178291200.0);
        p = (p * r) + C<TV>(1.0 / 6227020800.0);
        p = (p * r) + C<TV>(1.0 / 479001600.0);
        p = (p * r) + C<TV>(1.0 / 39916800.0);
        p = (p * r) + C<TV>(1.0 / 3628800.0);
        p = (p * r) + C<TV>(1.0 / 362880.0);
        p = (p * r) + C<TV>(1.0 / 40320.0);
        p = (p * r) + C<TV>(1.0 / 5040.0);
        p = (p * r) + C<TV>(1.0 / 720.0);
        p = (p * r) + C<TV>(1.0 / 120.0);
        p = (p * r) + C<TV>(1.0 / 24.0);
        p = (p * r) + C<TV>(1.0 / 6.0);
        return Assemble(r, rError, p, C<TV>(134217729.0));
    }

    // eʳ⁺ᵉ = 1 + r + r²/2 + r³·P(r) + e·eʳ to first order in the reduction error e (|e| ≤ 2⁻⁵⁵). With r = rh + rl split
    // in halves (Veltkamp; splitter = 2²⁷ + 1, or 2¹² + 1 for float) rh²/2 is exact and r²/2 = rh²/2 + rl·(rh + r)/2;
    // 1 + r + rh²/2 = hi + lo exactly (two Fast2Sums), and the remaining terms, all below 2⁻⁶ relative, are added
    // to lo, so the result carries one final rounding and an error of a few thousandths of an ulp before it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Assemble<TV>(TV r, TV rError, TV p, TV splitter)
        where TV : unmanaged, IVector<TV, T>
    {
        TV half = C<TV>(0.5);
        TV split = splitter * r;
        TV rHigh = split - (split - r);
        TV rLow = r - rHigh;
        TV s = Lanes<T>.FastTwoSum(C<TV>(1.0), r, out TV sError);
        TV hi = Lanes<T>.FastTwoSum(s, half * (rHigh * rHigh), out TV hiError);
        TV small = (half * (rLow * (rHigh + r))) + ((r * r) * (r * p));
        return hi + ((small + (rError * s)) + (sError + hiError));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpSingle<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV result = TV.AddBits(ReducedSingle(x, out TV exponentStep), exponentStep);
        TV rare = ~TV.CompareLessThanOrEqual(x & TV.CreateBits(0x7FFF_FFFFU), C<TV>(86f));
        if (TV.AnyBitSet(rare))
        {
            result = TV.Select(rare, RareSingle(x), result);
        }

        return result;
    }

    // eˣ for |x| > 86 and NaN: (2^(n ∓ 64)·eʳ)·2^(±64).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TV RareSingle<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV clamped = TV.Select(TV.CompareGreaterThan(x, C<TV>(89f)), C<TV>(89f), x);
        clamped = TV.Select(TV.CompareLessThan(clamped, C<TV>(-104f)), C<TV>(-104f), clamped);
        TV reduced = ReducedSingle(clamped, out TV exponentStep);
        TV negative = TV.CompareLessThan(clamped, TV.Zero);
        TV offset = TV.Select(negative, TV.CreateBits(unchecked((uint)(-64 << 23))), TV.CreateBits(64U << 23));
        TV scale = TV.Select(negative, TV.CreateBits(0x1F80_0000U), TV.CreateBits(0x5F80_0000U));
        TV result = TV.AddBits(reduced, TV.SubtractBits(exponentStep, offset)) * scale;
        return TV.Select(Lanes<T>.IsNaN(x), x + x, result);
    }

    // eʳ with r = x − n·ln 2, and n·2²³.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ReducedSingle<TV>(TV x, out TV exponentStep)
        where TV : unmanaged, IVector<TV, T>
    {
        const float Shifter = 12582912f; // 1.5·2²³
        TV shifted = (x * C<TV>(1.4426950216293335f)) + C<TV>(Shifter);
        TV n = shifted - C<TV>(Shifter);
        exponentStep = TV.ShiftLeftBits(shifted, 23);

        TV rHigh = x - (n * C<TV>(0.693145751953125f)); // L₁ = ln 2 to 16 bits: exact
        TV rLow = n * C<TV>(1.428606765330187e-06f); // L₂ = ln 2 − L₁
        TV r = rHigh - rLow;
        TV rError = (rHigh - r) - rLow;

        // P(r) = Σₖ₌₃⁸ rᵏ⁻³/k!
        TV p = C<TV>(1f / 40320f);
        p = (p * r) + C<TV>(1f / 5040f);
        p = (p * r) + C<TV>(1f / 720f);
        p = (p * r) + C<TV>(1f / 120f);
        p = (p * r) + C<TV>(1f / 24f);
        p = (p * r) + C<TV>(1f / 6f);
        return Assemble(r, rError, p, C<TV>(4097f));
    }
}
