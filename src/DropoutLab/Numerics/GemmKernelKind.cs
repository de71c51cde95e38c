namespace DropoutLab.Numerics;

/// <summary>Which register-blocked micro-kernel computes the mr×nr tiles of C.</summary>
internal enum GemmKernelKind
{
    /// <summary>4×8 tiles in <see cref="System.Runtime.Intrinsics.Vector128{T}"/>; runs anywhere.</summary>
    Portable,

    /// <summary>6×16 tiles in 256-bit registers with FMA (AVX2-class x86).</summary>
    Avx2,

    /// <summary>8×32 tiles in 512-bit registers with FMA (AVX-512 x86).</summary>
    Avx512,
}
