using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DropoutLab.Numerics.Functions;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics;

/// <summary>
/// Owned exponential and logarithm: managed code with a fixed range reduction and polynomial, so the results are the
/// same bits on every CPU, operating system and .NET version, in scalar code and at every SIMD width, unlike
/// <see cref="Math.Exp(double)"/> and <see cref="Math.Log(double)"/>, which call the platform's C library.
/// </summary>
/// <remarks>
/// Only correctly rounded IEEE 754 +, −, ×, ÷ and integer operations on bit patterns are used, never fused
/// multiply–add. Methods and measured accuracy are described on <see cref="ExpOperator{T}"/> and
/// <see cref="LogOperator{T}"/>: every result is within 1 ulp of the exact value, and the double logarithm is correctly
/// rounded in all but a tiny fraction of cases (within 2⁻¹⁷ ulp of a rounding boundary).
/// </remarks>
internal static class PortableMath
{
    /// <summary>
    /// eˣ within 1 ulp (Cody–Waite reduction x = n·ln 2 + r, Taylor polynomial of degree 13). NaN → NaN, +∞ → +∞,
    /// −∞ → +0, ±0 → 1, x &gt; ln(double.MaxValue) → +∞, subnormal results rounded once, x &lt; −745.14 → +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Exp(double x) => Scalar<double>.GetElement(default(ExpOperator<double>).Invoke(Scalar<double>.Create(x)), 0);

    /// <summary>
    /// eˣ within 1 ulp (Cody–Waite reduction, Taylor polynomial of degree 8). NaN → NaN, +∞ → +∞, −∞ → +0, ±0 → 1,
    /// x &gt; ln(float.MaxValue) → +∞, subnormal results rounded once, x &lt; −103.98 → +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Exp(float x) => Scalar<float>.GetElement(default(ExpOperator<float>).Invoke(Scalar<float>.Create(x)), 0);

    /// <summary>
    /// ln x, nearly correctly rounded (error below 0.5 + 2⁻¹⁶ ulp): x = 2ᵏ·m, ln m = ln c + 2·artanh((m − c)/(m + c))
    /// in double-double arithmetic. ±0 → −∞, x &lt; 0 → NaN, NaN → NaN, +∞ → +∞, 1 → +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Log(double x) => Scalar<double>.GetElement(default(LogOperator<double>).Invoke(Scalar<double>.Create(x)), 0);

    /// <summary>
    /// ln x within 1 ulp: x = 2ᵏ·m, ln m = f − s·(f − P(s²)), f = m − 1, s = f/(2 + f). ±0 → −∞, x &lt; 0 → NaN,
    /// NaN → NaN, +∞ → +∞, 1 → +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Log(float x) => Scalar<float>.GetElement(default(LogOperator<float>).Invoke(Scalar<float>.Create(x)), 0);

    /// <summary><see cref="Exp(double)"/> or <see cref="Exp(float)"/> for a generic double or float.</summary>
    /// <exception cref="NotSupportedException">T is neither double nor float.</exception>
    internal static T Exp<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            double y = Exp(Unsafe.As<T, double>(ref x));
            return Unsafe.As<double, T>(ref y);
        }

        if (typeof(T) == typeof(float))
        {
            float y = Exp(Unsafe.As<T, float>(ref x));
            return Unsafe.As<float, T>(ref y);
        }

        throw UnsupportedLaneType.Create<T>();
    }

    /// <summary><see cref="Log(double)"/> or <see cref="Log(float)"/> for a generic double or float.</summary>
    /// <exception cref="NotSupportedException">T is neither double nor float.</exception>
    internal static T Log<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            double y = Log(Unsafe.As<T, double>(ref x));
            return Unsafe.As<double, T>(ref y);
        }

        if (typeof(T) == typeof(float))
        {
            float y = Log(Unsafe.As<T, float>(ref x));
            return Unsafe.As<float, T>(ref y);
        }

        throw UnsupportedLaneType.Create<T>();
    }

    /// <summary>destinationᵢ = <see cref="Exp(double)"/> (or the float overload) of xᵢ; the spans may be the same.</summary>
    /// <exception cref="NotSupportedException">T is neither double nor float.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Exp(x, destination, SimdWidths.Best);

    /// <summary>destinationᵢ = <see cref="Log(double)"/> (or the float overload) of xᵢ; the spans may be the same.</summary>
    /// <exception cref="NotSupportedException">T is neither double nor float.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Log<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Log(x, destination, SimdWidths.Best);

    /// <summary>The span exponential at a given register width (the same bits at every width).</summary>
    internal static void Exp<T>(ReadOnlySpan<T> x, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLaneType<T>();
        SimdDriver.Map(x, destination, default(ExpOperator<T>), width);
    }

    /// <summary>The span logarithm at a given register width (the same bits at every width).</summary>
    internal static void Log<T>(ReadOnlySpan<T> x, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckLaneType<T>();
        SimdDriver.Map(x, destination, default(LogOperator<T>), width);
    }

    private static void CheckLaneType<T>()
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw UnsupportedLaneType.Create<T>();
        }
    }
}
