using System.Runtime.Intrinsics;

namespace DropoutLab.Numerics.Simd;

/// <summary>
/// The register width a kernel runs at. Every width computes each output element by the same sequence of IEEE 754
/// operations, so the choice changes the speed, never the bits; tests pin every width against the others.
/// </summary>
internal enum SimdWidth
{
    /// <summary>One element at a time (no hardware intrinsics, and the tail of every vector loop).</summary>
    Scalar,

    /// <summary>128-bit registers: SSE on x86, NEON on ARM64, WebAssembly SIMD.</summary>
    Vector128,

    /// <summary>256-bit registers (AVX2-class x86).</summary>
    Vector256,

    /// <summary>512-bit registers (AVX-512-class x86).</summary>
    Vector512,
}

/// <summary>The widths this process can run.</summary>
internal static class SimdWidths
{
    /// <summary>
    /// The widest width whose vectors the JIT accelerates in this process; scalar in the browser, where the IL is
    /// interpreted and WebAssembly SIMD through the vector types is slower than one lane at a time.
    /// </summary>
    public static readonly SimdWidth Best =
        OperatingSystem.IsBrowser() ? SimdWidth.Scalar
        : Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    /// <summary>Every width up to <see cref="Best"/>, narrowest first (the ones tests can force).</summary>
    public static IReadOnlyList<SimdWidth> Supported { get; } =
        [.. Enum.GetValues<SimdWidth>().Where(width => width <= Best)];
}
