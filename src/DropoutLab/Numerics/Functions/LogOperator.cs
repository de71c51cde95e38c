using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Functions;

/// <summary>
/// ln x lane by lane for double and float lanes, with the same bits in scalar code and at every vector width.
/// </summary>
/// <remarks>
/// <para>
/// Both widths write x = 2ᵏ·m with m in [√½, √2) by integer arithmetic on the bit pattern (subnormal x is first
/// multiplied by 2⁵⁴, or 2²⁴ for float) and use ln m = 2·artanh(s) = 2s + 2s³/3 + 2s⁵/5 + …, s = (m − c)/(m + c),
/// for a centre c near m (Muller, "Elementary Functions", ch. 6 and 11).
/// </para>
/// <para>
/// Double: [√½, √2) is cut into nine intervals of ratio 2^(1/9) with centres cⱼ = 2^((2j − 8)/18) (c₄ = 1), chosen by
/// comparisons, so |s| ≤ 0.0193. ln x = k·L₁ + ln cⱼ + 2s + (2/3)s³ + s⁵·Q(s²), where k·L₁ (L₁ = 42 leading bits of
/// ln 2) is exact, ln cⱼ is stored as a double-double, s is computed as a double-double (Dekker's exact product
/// for the remainder of the division) and (2/3)s³ as a double-double; the leading terms are added with Fast2Sum
/// and all the low parts (with k·L₂, L₂ = ln 2 − L₁) in one final correction. The value before the final rounding
/// is within about 2⁻⁷⁰ relative of ln x, so the result is correctly rounded except when ln x lies within about
/// 2⁻¹⁷ ulp of a rounding boundary; against a 200-bit reference all of 500 000 sampled results were correctly
/// rounded.
/// </para>
/// <para>
/// Float: c = 1, f = m − 1 (exact), s = f/(2 + f) with the rounding of 2 + f compensated, and, since 2s = f − s·f,
/// ln m = f − s·(f − P), P = 2s²/3 + 2s⁴/5 + … + 2s¹⁰/11. k·L₁ + f is split exactly (Fast2Sum) and the rest,
/// with k·L₂, added to its low part. Measured max error 0.83 ulp.
/// </para>
/// <para>±0 → −∞, x &lt; 0 → NaN, NaN → NaN, +∞ → +∞, 1 → +0 exactly.</para>
/// </remarks>
/// <typeparam name="T">double or float.</typeparam>
internal readonly struct LogOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The natural logarithm of every lane of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        if (typeof(T) == typeof(double))
        {
            return LogDouble(x);
        }

        if (typeof(T) == typeof(float))
        {
            return LogSingle(x);
        }

        throw UnsupportedLaneType.Create<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV C<TV>(double value)
        where TV : unmanaged, IVector<TV, T>
        => Lanes<T>.Constant<TV>(value);

    // Lanes where x is not a positive finite number get ln x from its special values.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV FixSpecialValues<TV>(TV x, TV result)
        where TV : unmanaged, IVector<TV, T>
    {
        TV regular = TV.CompareGreaterThan(x, TV.Zero) & TV.CompareLessThan(x, C<TV>(double.PositiveInfinity));
        return TV.AnyBitSet(~regular) ? TV.Select(regular, result, SpecialValues(x)) : result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TV SpecialValues<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV infinity = C<TV>(double.PositiveInfinity);
        TV result = TV.Select(TV.CompareEqual(x, infinity), infinity, C<TV>(double.NaN));
        return TV.Select(TV.CompareEqual(x, TV.Zero), -infinity, result);
    }

    // (m, k) with x = 2ᵏ·m, m in [c, 2c) for c = the double nearest √½, for positive finite x; k as a double.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV SplitDouble<TV>(TV x, out TV k)
        where TV : unmanaged, IVector<TV, T>
    {
        const ulong SqrtHalfBits = 0x3FE6_A09E_667F_3BCDUL;
        const ulong OneBits = 0x3FF0_0000_0000_0000UL; // 1023·2⁵²
        TV subnormal = TV.CompareLessThan(x, C<TV>(2.2250738585072014E-308));
        TV scaled = TV.Select(subnormal, x * C<TV>(18014398509481984.0), x); // 2⁵⁴

        // bits(x) − bits(c) lies in [k·2⁵², (k + 1)·2⁵²); biased by 1023·2⁵² it is positive.
        TV biasedK = TV.ShiftRightBits(TV.AddBits(scaled, TV.CreateBits(OneBits - SqrtHalfBits)), 52);
        TV m = TV.AddBits(TV.SubtractBits(scaled, TV.ShiftLeftBits(biasedK, 52)), TV.CreateBits(OneBits));

        // 2⁵² + (k + 1023) has the integer in its low bits; subtracting 2⁵² + 1023 leaves k exactly.
        TV kPlus = (TV.CreateBits(0x4330_0000_0000_0000UL) | biasedK) - C<TV>(4503599627371519.0);
        k = kPlus - TV.Select(subnormal, C<TV>(54.0), TV.Zero);
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pick<TV>(TV m, double threshold, double centre, double logHigh, double logLow, ref TV c, ref TV lh, ref TV ll)
        where TV : unmanaged, IVector<TV, T>
    {
        TV above = TV.CompareGreaterThanOrEqual(m, C<TV>(threshold));
        c = TV.Select(above, C<TV>(centre), c);
        lh = TV.Select(above, C<TV>(logHigh), lh);
        ll = TV.Select(above, C<TV>(logLow), ll);
    }

    // LogDouble and its two stages are not inlined: inlined together into a caller's loop they would exhaust the
    // JIT's inlining budget and leave the register operators as calls.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TV LogDouble<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV m = ReduceDouble(x, out TV k, out TV c, out TV lh, out TV ll);
        TV sh = SeriesDouble(m, c, out TV sl, out TV dh, out TV dl);

        // ln x = k·L₁ + lh + 2sh + dh + (low parts); each Fast2Sum adds a smaller term to a larger one.
        TV h1 = Lanes<T>.FastTwoSum(k * C<TV>(0.6931471805598903), lh, out TV e1);
        TV h2 = Lanes<T>.FastTwoSum(h1, sh + sh, out TV e2);
        TV h3 = Lanes<T>.FastTwoSum(h2, dh, out TV e3);
        TV low = ((((ll + (sl + sl)) + dl) + (k * C<TV>(5.497923018708371e-14))) + e1) + (e2 + e3);
        return FixSpecialValues(x, h3 + low);
    }

    // m with x = 2ᵏ·m, and the centre cⱼ = 2^((2j − 8)/18) of the interval [2^((j − 4.5)/9), 2^((j − 3.5)/9)) holding
    // m, with ln cⱼ = lh + ll.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TV ReduceDouble<TV>(TV x, out TV k, out TV c, out TV lh, out TV ll)
        where TV : unmanaged, IVector<TV, T>
    {
        TV m = SplitDouble(x, out k);
        c = C<TV>(0.7348672461377994);
        lh = C<TV>(-0.3080654135821979);
        ll = C<TV>(-2.2078835170148247e-17);
        Pick(m, 0.7637175654573216, 0.7937005259840998, -0.23104906018664836, -4.02270473920663e-18, ref c, ref lh, ref ll);
        Pick(m, 0.8248605943353025, 0.8572439828530728, -0.154032706791099, 1.1055442842779403e-17, ref c, ref lh, ref ll);
        Pick(m, 0.8908987181403393, 0.9258747122872905, -0.07701635339554945, 2.0961632810581613e-18, ref c, ref lh, ref ll);
        Pick(m, 0.9622238368941451, 1.0, 0.0, 0.0, ref c, ref lh, ref ll);
        Pick(m, 1.0392592260318434, 1.080059738892306, 0.07701635339554942, 4.55969969628135e-19, ref c, ref lh, ref ll);
        Pick(m, 1.122462048309373, 1.1665290395761165, 0.15403270679109893, -1.107431756194012e-17, ref c, ref lh, ref ll);
        Pick(m, 1.2123260668135445, 1.2599210498948732, 0.23104906018664845, 9.78275379146626e-18, ref c, ref lh, ref ll);
        Pick(m, 1.3093845751749735, 1.360790000174377, 0.30806541358219786, 1.3458387240992086e-17, ref c, ref lh, ref ll);
        return m;
    }

    // s = (m − c)/(m + c) = sh + sl: m − c is exact (Sterbenz), m + c = vh + vl exactly, and
    // sl = (m − c − sh·vh − sh·vl)/vh with sh·vh = p + pe exactly.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TV QuotientDouble<TV>(TV m, TV c, out TV sl)
        where TV : unmanaged, IVector<TV, T>
    {
        TV u = m - c;
        TV vh = Lanes<T>.TwoSum(m, c, out TV vl);
        TV sh = u / vh;
        TV p = Lanes<T>.TwoProduct(sh, vh, out TV pe);
        sl = (((u - p) - pe) - (sh * vl)) / vh;
        return sh;
    }

    // s = (m − c)/(m + c) = sh + sl and 2s³/3 + 2s⁵/5 + … + 2s¹³/13 = dh + dl, both as double-doubles.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TV SeriesDouble<TV>(TV m, TV c, out TV sl, out TV dh, out TV dl)
        where TV : unmanaged, IVector<TV, T>
    {
        TV sh = QuotientDouble(m, c, out sl);

        // s² = s2h + s2l, s³ = s3h + s3l.
        TV s2h = Lanes<T>.TwoProduct(sh, sh, out TV s2e);
        TV s2l = s2e + ((sh + sh) * sl);
        TV s3h = Lanes<T>.TwoProduct(sh, s2h, out TV s3e);
        TV s3l = s3e + ((sh * s2l) + (sl * s2h));

        // s³·(C₃ + s²·Q(s²)) with C₃ = 2/3 = c3h + 3.7·10⁻¹⁷; the truncation after s¹³ is below 2⁻⁷² relative.
        TV q = C<TV>(2.0 / 13.0);
        q = (q * s2h) + C<TV>(2.0 / 11.0);
        q = (q * s2h) + C<TV>(2.0 / 9.0);
        q = (q * s2h) + C<TV>(2.0 / 7.0);
        q = (q * s2h) + C<TV>(2.0 / 5.0);
        TV c3h = C<TV>(2.0 / 3.0);
        TV c3Low = C<TV>(3.700743415417188e-17) + (s2h * q);
        dh = Lanes<T>.TwoProduct(s3h, c3h, out TV de);
        dl = de + ((s3h * c3Low) + (s3l * c3h));
        return sh;
    }

    // (m, k) with x = 2ᵏ·m, m in [c, 2c) for c = the float nearest √½, for positive finite x; k as a float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV SplitSingle<TV>(TV x, out TV k)
        where TV : unmanaged, IVector<TV, T>
    {
        const uint SqrtHalfBits = 0x3F35_04F3U;
        const uint OneBits = 0x3F80_0000U; // 127·2²³
        TV subnormal = TV.CompareLessThan(x, C<TV>(1.17549435E-38f));
        TV scaled = TV.Select(subnormal, x * C<TV>(16777216f), x); // 2²⁴
        TV biasedK = TV.ShiftRightBits(TV.AddBits(scaled, TV.CreateBits(OneBits - SqrtHalfBits)), 23);
        TV m = TV.AddBits(TV.SubtractBits(scaled, TV.ShiftLeftBits(biasedK, 23)), TV.CreateBits(OneBits));
        TV kPlus = (TV.CreateBits(0x4B00_0000U) | biasedK) - C<TV>(8388735f); // 2²³ + 127
        k = kPlus - TV.Select(subnormal, C<TV>(24f), TV.Zero);
        return m;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV LogSingle<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV m = SplitSingle(x, out TV k);
        TV two = C<TV>(2f);
        TV f = m - C<TV>(1f);

        // s = f/(2 + f), with 2 + f = d + dl exactly and s ≈ f/d − (f/d)·dl/d.
        TV d = Lanes<T>.FastTwoSum(two, f, out TV dl);
        TV sd = f / d;
        TV s = sd - ((sd * dl) / d);

        TV z = s * s;
        TV p = C<TV>(2f / 11f);
        p = (p * z) + C<TV>(2f / 9f);
        p = (p * z) + C<TV>(2f / 7f);
        p = (p * z) + C<TV>(2f / 5f);
        p = (p * z) + C<TV>(2f / 3f);
        p *= z;

        TV high = Lanes<T>.FastTwoSum(k * C<TV>(0.693145751953125f), f, out TV e);
        TV low = e + ((k * C<TV>(1.428606765330187e-06f)) - (s * (f - p)));
        return FixSpecialValues(x, high + low);
    }
}
