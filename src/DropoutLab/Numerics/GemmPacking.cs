// Dimension key: a panel is `width` ≤ panelWidth lines of op(A) rows (width ≤ mr) or op(B) columns
// (width ≤ nr), each kc long; packed as dst[p·panelWidth + r], zero-padded for width ≤ r < panelWidth.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DropoutLab.Numerics;

/// <summary>
/// Copies slivers of op(A) and op(B) into the contiguous, zero-padded layout the micro-kernels stream:
/// for each p, the panelWidth values the kernel multiplies at step p sit side by side.
/// Transposition happens here, so every kernel sees the same layout for all four transpose cases.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs an mc×kc block of op(A), rows [i0, i0 + mc), columns [p0, p0 + kc), as ⌈mc/mr⌉ panels of mr×kc.
    /// op(A)[i, p] = A[i, p] or, transposed, A[p, i].
    /// </summary>
    public static void PackA(bool transposeA, float* a, nint lda, int i0, int mc, int p0, int kc, int mr, float* dst)
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int width = Math.Min(mr, mc - ir);
            int row = i0 + ir;
            if (transposeA)
            {
                Gather(a + (p0 * lda) + row, lda, width, kc, dst, mr);
            }
            else
            {
                Transpose(a + (row * lda) + p0, lda, width, kc, dst, mr);
            }

            dst += mr * kc;
        }
    }

    /// <summary>
    /// Packs a kc×nc block of op(B), rows [p0, p0 + kc), columns [j0, j0 + nc), as ⌈nc/nr⌉ panels of kc×nr.
    /// op(B)[p, j] = B[p, j] or, transposed, B[j, p].
    /// </summary>
    public static void PackB(bool transposeB, float* b, nint ldb, int p0, int kc, int j0, int nc, int nr, float* dst)
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int width = Math.Min(nr, nc - jr);
            int col = j0 + jr;
            if (transposeB)
            {
                Transpose(b + (col * ldb) + p0, ldb, width, kc, dst, nr);
            }
            else
            {
                Gather(b + (p0 * ldb) + col, ldb, width, kc, dst, nr);
            }

            dst += nr * kc;
        }
    }

    /// <summary>dst[p·w + r] = src[p·stride + r] for r &lt; width, 0 for width ≤ r &lt; w.</summary>
    private static void Gather(float* src, nint stride, int width, int kc, float* dst, int panelWidth)
    {
        for (int p = 0; p < kc; p++)
        {
            float* s = src + (p * stride);
            float* d = dst + (p * panelWidth);
            int r = 0;
            for (; r + 8 <= width; r += 8)
            {
                Vector256.Load(s + r).Store(d + r);
            }

            for (; r < width; r++)
            {
                d[r] = s[r];
            }

            for (; r < panelWidth; r++)
            {
                d[r] = 0f;
            }
        }
    }

    /// <summary>dst[p·w + r] = src[r·stride + p] for r &lt; width, 0 for width ≤ r &lt; w.</summary>
    private static void Transpose(float* src, nint stride, int width, int kc, float* dst, int panelWidth)
    {
        int r = 0;
        if (Avx.IsSupported)
        {
            int kc8 = kc & ~7;
            for (; r + 8 <= width; r += 8)
            {
                float* s = src + (r * stride);
                for (int p = 0; p < kc8; p += 8)
                {
                    Transpose8x8(s + p, stride, dst + (p * panelWidth) + r, panelWidth);
                }

                for (int i = 0; i < 8; i++)
                {
                    for (int p = kc8; p < kc; p++)
                    {
                        dst[(p * panelWidth) + r + i] = s[(i * stride) + p];
                    }
                }
            }
        }

        for (; r < width; r++)
        {
            float* s = src + (r * stride);
            for (int p = 0; p < kc; p++)
            {
                dst[(p * panelWidth) + r] = s[p];
            }
        }

        if (width < panelWidth)
        {
            for (int p = 0; p < kc; p++)
            {
                new Span<float>(dst + (p * panelWidth) + width, panelWidth - width).Clear();
            }
        }
    }

    /// <summary>Writes the transpose of the 8×8 block at s (row stride ss) to d (row stride ds).</summary>
    private static void Transpose8x8(float* s, nint ss, float* d, nint ds)
    {
        Vector256<float> r0 = Avx.LoadVector256(s);
        Vector256<float> r1 = Avx.LoadVector256(s + ss);
        Vector256<float> r2 = Avx.LoadVector256(s + (2 * ss));
        Vector256<float> r3 = Avx.LoadVector256(s + (3 * ss));
        Vector256<float> r4 = Avx.LoadVector256(s + (4 * ss));
        Vector256<float> r5 = Avx.LoadVector256(s + (5 * ss));
        Vector256<float> r6 = Avx.LoadVector256(s + (6 * ss));
        Vector256<float> r7 = Avx.LoadVector256(s + (7 * ss));

        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ds, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + (2 * ds), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + (3 * ds), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + (4 * ds), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + (5 * ds), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + (6 * ds), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + (7 * ds), Avx.Permute2x128(u3, u7, 0x31));
    }
}
