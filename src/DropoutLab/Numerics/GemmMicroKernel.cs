// Dimension key: a micro-kernel computes one mr×nr tile of C (m×n) from an mr×kc sliver of op(A)
// and a kc×nr sliver of op(B); kc is the depth of the current k-block.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace DropoutLab.Numerics;

/// <summary>
/// Register-blocked micro-kernels. Each output element is one fused multiply–add chain over p in
/// increasing order followed by α·acc (+ β·C), so its value depends only on the data and the k-blocking,
/// never on the tile shape, on which thread computes the tile, or on where the tile sits in the partition.
/// The narrower AVX-512 variants cover edge tiles of the 8×32 grid without computing padding.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    /// <summary>
    /// 8×32 tile: acc[r, :] = Σₚ a[p, r] · b[p, :] over p &lt; kc, then C[r, :] ← α·acc[r, :] + β·C[r, :]
    /// (β = 0 overwrites). a holds 8 values per p; b holds ≥ 32 values per p at stride bStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512x8x32(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = Vector512<float>.Zero;
        Vector512<float> c01 = Vector512<float>.Zero;
        Vector512<float> c10 = Vector512<float>.Zero;
        Vector512<float> c11 = Vector512<float>.Zero;
        Vector512<float> c20 = Vector512<float>.Zero;
        Vector512<float> c21 = Vector512<float>.Zero;
        Vector512<float> c30 = Vector512<float>.Zero;
        Vector512<float> c31 = Vector512<float>.Zero;
        Vector512<float> c40 = Vector512<float>.Zero;
        Vector512<float> c41 = Vector512<float>.Zero;
        Vector512<float> c50 = Vector512<float>.Zero;
        Vector512<float> c51 = Vector512<float>.Zero;
        Vector512<float> c60 = Vector512<float>.Zero;
        Vector512<float> c61 = Vector512<float>.Zero;
        Vector512<float> c70 = Vector512<float>.Zero;
        Vector512<float> c71 = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += bStride;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (va * c00).Store(c + 0);
            (va * c01).Store(c + 16);
            (va * c10).Store(c + (1 * ldc) + 0);
            (va * c11).Store(c + (1 * ldc) + 16);
            (va * c20).Store(c + (2 * ldc) + 0);
            (va * c21).Store(c + (2 * ldc) + 16);
            (va * c30).Store(c + (3 * ldc) + 0);
            (va * c31).Store(c + (3 * ldc) + 16);
            (va * c40).Store(c + (4 * ldc) + 0);
            (va * c41).Store(c + (4 * ldc) + 16);
            (va * c50).Store(c + (5 * ldc) + 0);
            (va * c51).Store(c + (5 * ldc) + 16);
            (va * c60).Store(c + (6 * ldc) + 0);
            (va * c61).Store(c + (6 * ldc) + 16);
            (va * c70).Store(c + (7 * ldc) + 0);
            (va * c71).Store(c + (7 * ldc) + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            ((va * c00) + (vb * Vector512.Load(c + 0))).Store(c + 0);
            ((va * c01) + (vb * Vector512.Load(c + 16))).Store(c + 16);
            ((va * c10) + (vb * Vector512.Load(c + (1 * ldc) + 0))).Store(c + (1 * ldc) + 0);
            ((va * c11) + (vb * Vector512.Load(c + (1 * ldc) + 16))).Store(c + (1 * ldc) + 16);
            ((va * c20) + (vb * Vector512.Load(c + (2 * ldc) + 0))).Store(c + (2 * ldc) + 0);
            ((va * c21) + (vb * Vector512.Load(c + (2 * ldc) + 16))).Store(c + (2 * ldc) + 16);
            ((va * c30) + (vb * Vector512.Load(c + (3 * ldc) + 0))).Store(c + (3 * ldc) + 0);
            ((va * c31) + (vb * Vector512.Load(c + (3 * ldc) + 16))).Store(c + (3 * ldc) + 16);
            ((va * c40) + (vb * Vector512.Load(c + (4 * ldc) + 0))).Store(c + (4 * ldc) + 0);
            ((va * c41) + (vb * Vector512.Load(c + (4 * ldc) + 16))).Store(c + (4 * ldc) + 16);
            ((va * c50) + (vb * Vector512.Load(c + (5 * ldc) + 0))).Store(c + (5 * ldc) + 0);
            ((va * c51) + (vb * Vector512.Load(c + (5 * ldc) + 16))).Store(c + (5 * ldc) + 16);
            ((va * c60) + (vb * Vector512.Load(c + (6 * ldc) + 0))).Store(c + (6 * ldc) + 0);
            ((va * c61) + (vb * Vector512.Load(c + (6 * ldc) + 16))).Store(c + (6 * ldc) + 16);
            ((va * c70) + (vb * Vector512.Load(c + (7 * ldc) + 0))).Store(c + (7 * ldc) + 0);
            ((va * c71) + (vb * Vector512.Load(c + (7 * ldc) + 16))).Store(c + (7 * ldc) + 16);
        }
    }

    /// <summary>
    /// 8×16 tile: acc[r, :] = Σₚ a[p, r] · b[p, :] over p &lt; kc, then C[r, :] ← α·acc[r, :] + β·C[r, :]
    /// (β = 0 overwrites). a holds 8 values per p; b holds ≥ 16 values per p at stride bStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512x8x16(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = Vector512<float>.Zero;
        Vector512<float> c10 = Vector512<float>.Zero;
        Vector512<float> c20 = Vector512<float>.Zero;
        Vector512<float> c30 = Vector512<float>.Zero;
        Vector512<float> c40 = Vector512<float>.Zero;
        Vector512<float> c50 = Vector512<float>.Zero;
        Vector512<float> c60 = Vector512<float>.Zero;
        Vector512<float> c70 = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70);
            a += 8;
            b += bStride;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (va * c00).Store(c + 0);
            (va * c10).Store(c + (1 * ldc) + 0);
            (va * c20).Store(c + (2 * ldc) + 0);
            (va * c30).Store(c + (3 * ldc) + 0);
            (va * c40).Store(c + (4 * ldc) + 0);
            (va * c50).Store(c + (5 * ldc) + 0);
            (va * c60).Store(c + (6 * ldc) + 0);
            (va * c70).Store(c + (7 * ldc) + 0);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            ((va * c00) + (vb * Vector512.Load(c + 0))).Store(c + 0);
            ((va * c10) + (vb * Vector512.Load(c + (1 * ldc) + 0))).Store(c + (1 * ldc) + 0);
            ((va * c20) + (vb * Vector512.Load(c + (2 * ldc) + 0))).Store(c + (2 * ldc) + 0);
            ((va * c30) + (vb * Vector512.Load(c + (3 * ldc) + 0))).Store(c + (3 * ldc) + 0);
            ((va * c40) + (vb * Vector512.Load(c + (4 * ldc) + 0))).Store(c + (4 * ldc) + 0);
            ((va * c50) + (vb * Vector512.Load(c + (5 * ldc) + 0))).Store(c + (5 * ldc) + 0);
            ((va * c60) + (vb * Vector512.Load(c + (6 * ldc) + 0))).Store(c + (6 * ldc) + 0);
            ((va * c70) + (vb * Vector512.Load(c + (7 * ldc) + 0))).Store(c + (7 * ldc) + 0);
        }
    }

    /// <summary>
    /// 4×32 tile: acc[r, :] = Σₚ a[p, r] · b[p, :] over p &lt; kc, then C[r, :] ← α·acc[r, :] + β·C[r, :]
    /// (β = 0 overwrites). a holds 8 values per p; b holds ≥ 32 values per p at stride bStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512x4x32(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = Vector512<float>.Zero;
        Vector512<float> c01 = Vector512<float>.Zero;
        Vector512<float> c10 = Vector512<float>.Zero;
        Vector512<float> c11 = Vector512<float>.Zero;
        Vector512<float> c20 = Vector512<float>.Zero;
        Vector512<float> c21 = Vector512<float>.Zero;
        Vector512<float> c30 = Vector512<float>.Zero;
        Vector512<float> c31 = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            a += 8;
            b += bStride;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (va * c00).Store(c + 0);
            (va * c01).Store(c + 16);
            (va * c10).Store(c + (1 * ldc) + 0);
            (va * c11).Store(c + (1 * ldc) + 16);
            (va * c20).Store(c + (2 * ldc) + 0);
            (va * c21).Store(c + (2 * ldc) + 16);
            (va * c30).Store(c + (3 * ldc) + 0);
            (va * c31).Store(c + (3 * ldc) + 16);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            ((va * c00) + (vb * Vector512.Load(c + 0))).Store(c + 0);
            ((va * c01) + (vb * Vector512.Load(c + 16))).Store(c + 16);
            ((va * c10) + (vb * Vector512.Load(c + (1 * ldc) + 0))).Store(c + (1 * ldc) + 0);
            ((va * c11) + (vb * Vector512.Load(c + (1 * ldc) + 16))).Store(c + (1 * ldc) + 16);
            ((va * c20) + (vb * Vector512.Load(c + (2 * ldc) + 0))).Store(c + (2 * ldc) + 0);
            ((va * c21) + (vb * Vector512.Load(c + (2 * ldc) + 16))).Store(c + (2 * ldc) + 16);
            ((va * c30) + (vb * Vector512.Load(c + (3 * ldc) + 0))).Store(c + (3 * ldc) + 0);
            ((va * c31) + (vb * Vector512.Load(c + (3 * ldc) + 16))).Store(c + (3 * ldc) + 16);
        }
    }

    /// <summary>
    /// 4×16 tile: acc[r, :] = Σₚ a[p, r] · b[p, :] over p &lt; kc, then C[r, :] ← α·acc[r, :] + β·C[r, :]
    /// (β = 0 overwrites). a holds 8 values per p; b holds ≥ 16 values per p at stride bStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512x4x16(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = Vector512<float>.Zero;
        Vector512<float> c10 = Vector512<float>.Zero;
        Vector512<float> c20 = Vector512<float>.Zero;
        Vector512<float> c30 = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b + 0);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            a += 8;
            b += bStride;
        }

        Vector512<float> va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (va * c00).Store(c + 0);
            (va * c10).Store(c + (1 * ldc) + 0);
            (va * c20).Store(c + (2 * ldc) + 0);
            (va * c30).Store(c + (3 * ldc) + 0);
        }
        else
        {
            Vector512<float> vb = Vector512.Create(beta);
            ((va * c00) + (vb * Vector512.Load(c + 0))).Store(c + 0);
            ((va * c10) + (vb * Vector512.Load(c + (1 * ldc) + 0))).Store(c + (1 * ldc) + 0);
            ((va * c20) + (vb * Vector512.Load(c + (2 * ldc) + 0))).Store(c + (2 * ldc) + 0);
            ((va * c30) + (vb * Vector512.Load(c + (3 * ldc) + 0))).Store(c + (3 * ldc) + 0);
        }
    }

    /// <summary>
    /// 6×16 tile: acc[r, :] = Σₚ a[p, r] · b[p, :] over p &lt; kc, then C[r, :] ← α·acc[r, :] + β·C[r, :]
    /// (β = 0 overwrites). a holds 6 values per p; b holds ≥ 16 values per p at stride bStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2x6x16(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = Vector256<float>.Zero;
        Vector256<float> c01 = Vector256<float>.Zero;
        Vector256<float> c10 = Vector256<float>.Zero;
        Vector256<float> c11 = Vector256<float>.Zero;
        Vector256<float> c20 = Vector256<float>.Zero;
        Vector256<float> c21 = Vector256<float>.Zero;
        Vector256<float> c30 = Vector256<float>.Zero;
        Vector256<float> c31 = Vector256<float>.Zero;
        Vector256<float> c40 = Vector256<float>.Zero;
        Vector256<float> c41 = Vector256<float>.Zero;
        Vector256<float> c50 = Vector256<float>.Zero;
        Vector256<float> c51 = Vector256<float>.Zero;

        // acc[r, :] = Σₚ a[p, r] · b[p, :] in increasing p, four terms per pass.
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            Avx2Step(a, b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Avx2Step(a + 6, b + bStride, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Avx2Step(a + 12, b + (2 * bStride), ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Avx2Step(a + 18, b + (3 * bStride), ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a += 24;
            b += 4 * bStride;
        }

        for (; p < kc; p++)
        {
            Avx2Step(a, b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a += 6;
            b += bStride;
        }

        Vector256<float> va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            (va * c00).Store(c + 0);
            (va * c01).Store(c + 8);
            (va * c10).Store(c + (1 * ldc) + 0);
            (va * c11).Store(c + (1 * ldc) + 8);
            (va * c20).Store(c + (2 * ldc) + 0);
            (va * c21).Store(c + (2 * ldc) + 8);
            (va * c30).Store(c + (3 * ldc) + 0);
            (va * c31).Store(c + (3 * ldc) + 8);
            (va * c40).Store(c + (4 * ldc) + 0);
            (va * c41).Store(c + (4 * ldc) + 8);
            (va * c50).Store(c + (5 * ldc) + 0);
            (va * c51).Store(c + (5 * ldc) + 8);
        }
        else
        {
            Vector256<float> vb = Vector256.Create(beta);
            ((va * c00) + (vb * Vector256.Load(c + 0))).Store(c + 0);
            ((va * c01) + (vb * Vector256.Load(c + 8))).Store(c + 8);
            ((va * c10) + (vb * Vector256.Load(c + (1 * ldc) + 0))).Store(c + (1 * ldc) + 0);
            ((va * c11) + (vb * Vector256.Load(c + (1 * ldc) + 8))).Store(c + (1 * ldc) + 8);
            ((va * c20) + (vb * Vector256.Load(c + (2 * ldc) + 0))).Store(c + (2 * ldc) + 0);
            ((va * c21) + (vb * Vector256.Load(c + (2 * ldc) + 8))).Store(c + (2 * ldc) + 8);
            ((va * c30) + (vb * Vector256.Load(c + (3 * ldc) + 0))).Store(c + (3 * ldc) + 0);
            ((va * c31) + (vb * Vector256.Load(c + (3 * ldc) + 8))).Store(c + (3 * ldc) + 8);
            ((va * c40) + (vb * Vector256.Load(c + (4 * ldc) + 0))).Store(c + (4 * ldc) + 0);
            ((va * c41) + (vb * Vector256.Load(c + (4 * ldc) + 8))).Store(c + (4 * ldc) + 8);
            ((va * c50) + (vb * Vector256.Load(c + (5 * ldc) + 0))).Store(c + (5 * ldc) + 0);
            ((va * c51) + (vb * Vector256.Load(c + (5 * ldc) + 8))).Store(c + (5 * ldc) + 8);
        }
    }

    /// <summary>One step p of the 6×16 tile: acc[r, :] ← fma(a[r], b[0 .. 16), acc[r, :]) for r &lt; 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Avx2Step(
        float* a, float* b,
        ref Vector256<float> c00, ref Vector256<float> c01, ref Vector256<float> c10, ref Vector256<float> c11,
        ref Vector256<float> c20, ref Vector256<float> c21, ref Vector256<float> c30, ref Vector256<float> c31,
        ref Vector256<float> c40, ref Vector256<float> c41, ref Vector256<float> c50, ref Vector256<float> c51)
    {
        Vector256<float> b0 = Vector256.Load(b + 0);
        Vector256<float> b1 = Vector256.Load(b + 8);
        Vector256<float> a0 = Vector256.Create(a[0]);
        c00 = Fma.MultiplyAdd(a0, b0, c00);
        c01 = Fma.MultiplyAdd(a0, b1, c01);
        Vector256<float> a1 = Vector256.Create(a[1]);
        c10 = Fma.MultiplyAdd(a1, b0, c10);
        c11 = Fma.MultiplyAdd(a1, b1, c11);
        Vector256<float> a2 = Vector256.Create(a[2]);
        c20 = Fma.MultiplyAdd(a2, b0, c20);
        c21 = Fma.MultiplyAdd(a2, b1, c21);
        Vector256<float> a3 = Vector256.Create(a[3]);
        c30 = Fma.MultiplyAdd(a3, b0, c30);
        c31 = Fma.MultiplyAdd(a3, b1, c31);
        Vector256<float> a4 = Vector256.Create(a[4]);
        c40 = Fma.MultiplyAdd(a4, b0, c40);
        c41 = Fma.MultiplyAdd(a4, b1, c41);
        Vector256<float> a5 = Vector256.Create(a[5]);
        c50 = Fma.MultiplyAdd(a5, b0, c50);
        c51 = Fma.MultiplyAdd(a5, b1, c51);
    }

    /// <summary>
    /// 4×8 tile: acc[r, :] = Σₚ a[p, r] · b[p, :] over p &lt; kc, then C[r, :] ← α·acc[r, :] + β·C[r, :]
    /// (β = 0 overwrites). a holds 4 values per p; b holds ≥ 8 values per p at stride bStride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Portable4x8(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        if (!(Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.IsSupported)))
        {
            Scalar4x8(kc, a, b, bStride, c, ldc, alpha, beta);
            return;
        }

        Vector128<float> c00 = Vector128<float>.Zero;
        Vector128<float> c01 = Vector128<float>.Zero;
        Vector128<float> c10 = Vector128<float>.Zero;
        Vector128<float> c11 = Vector128<float>.Zero;
        Vector128<float> c20 = Vector128<float>.Zero;
        Vector128<float> c21 = Vector128<float>.Zero;
        Vector128<float> c30 = Vector128<float>.Zero;
        Vector128<float> c31 = Vector128<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b + 0);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> a0 = Vector128.Create(a[0]);
            c00 = Vector128.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector128.FusedMultiplyAdd(a0, b1, c01);
            Vector128<float> a1 = Vector128.Create(a[1]);
            c10 = Vector128.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector128.FusedMultiplyAdd(a1, b1, c11);
            Vector128<float> a2 = Vector128.Create(a[2]);
            c20 = Vector128.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector128.FusedMultiplyAdd(a2, b1, c21);
            Vector128<float> a3 = Vector128.Create(a[3]);
            c30 = Vector128.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector128.FusedMultiplyAdd(a3, b1, c31);
            a += 4;
            b += bStride;
        }

        Vector128<float> va = Vector128.Create(alpha);
        if (beta == 0f)
        {
            (va * c00).Store(c + 0);
            (va * c01).Store(c + 4);
            (va * c10).Store(c + (1 * ldc) + 0);
            (va * c11).Store(c + (1 * ldc) + 4);
            (va * c20).Store(c + (2 * ldc) + 0);
            (va * c21).Store(c + (2 * ldc) + 4);
            (va * c30).Store(c + (3 * ldc) + 0);
            (va * c31).Store(c + (3 * ldc) + 4);
        }
        else
        {
            Vector128<float> vb = Vector128.Create(beta);
            ((va * c00) + (vb * Vector128.Load(c + 0))).Store(c + 0);
            ((va * c01) + (vb * Vector128.Load(c + 4))).Store(c + 4);
            ((va * c10) + (vb * Vector128.Load(c + (1 * ldc) + 0))).Store(c + (1 * ldc) + 0);
            ((va * c11) + (vb * Vector128.Load(c + (1 * ldc) + 4))).Store(c + (1 * ldc) + 4);
            ((va * c20) + (vb * Vector128.Load(c + (2 * ldc) + 0))).Store(c + (2 * ldc) + 0);
            ((va * c21) + (vb * Vector128.Load(c + (2 * ldc) + 4))).Store(c + (2 * ldc) + 4);
            ((va * c30) + (vb * Vector128.Load(c + (3 * ldc) + 0))).Store(c + (3 * ldc) + 0);
            ((va * c31) + (vb * Vector128.Load(c + (3 * ldc) + 4))).Store(c + (3 * ldc) + 4);
        }
    }

    /// <summary>
    /// <see cref="Portable4x8"/> one element at a time, for machines without vector FMA: acc[r, j] ← fma(a[p, r], b[p, j],
    /// acc[r, j]) with the correctly rounded scalar FMA (the runtime's, or the C library's when the CPU has none), so the
    /// bits are those of every other kernel; only the speed differs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalar4x8(int kc, float* a, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        const int Rows = 4, Cols = 8;
        float* acc = stackalloc float[Rows * Cols];
        new Span<float>(acc, Rows * Cols).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < Rows; r++)
            {
                float ar = a[r];
                float* row = acc + (r * Cols);
                for (int j = 0; j < Cols; j++)
                {
                    row[j] = MathF.FusedMultiplyAdd(ar, b[j], row[j]);
                }
            }

            a += Rows;
            b += bStride;
        }

        for (int r = 0; r < Rows; r++)
        {
            float* row = acc + (r * Cols);
            float* cRow = c + (r * ldc);
            for (int j = 0; j < Cols; j++)
            {
                cRow[j] = beta == 0f ? alpha * row[j] : (alpha * row[j]) + (beta * cRow[j]);
            }
        }
    }
}
