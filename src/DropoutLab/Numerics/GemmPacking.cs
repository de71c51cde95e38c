// Dimension key: a block of `count` lines of op(A) rows (panels of mr) or op(B) columns (panels of nr), each kc
// long, is packed as ⌈count/w⌉ panels of kc×w, w = panelWidth: panel q holds dst[q·kc·w + p·w + r] = line q·w + r
// at depth p, zero-padded for lines ≥ count.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DropoutLab.Numerics;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded layout the micro-kernels stream:
/// for each p, the panelWidth values the kernel multiplies at step p sit side by side.
/// Transposition happens here, so every kernel sees the same layout for all four transpose cases.
/// Packing only moves values, so it never changes a result bit.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs an mc×kc block of op(A), rows [i0, i0 + mc), columns [p0, p0 + kc), as ⌈mc/mr⌉ panels of mr×kc.
    /// op(A)[i, p] = A[i, p] or, transposed, A[p, i].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transposeA, float* a, nint lda, int i0, int mc, int p0, int kc, int mr, float* dst)
    {
        if (transposeA)
        {
            Gather(a + (p0 * lda) + i0, lda, mc, kc, dst, mr);
        }
        else
        {
            Transpose(a + (i0 * lda) + p0, lda, mc, kc, dst, mr);
        }
    }

    /// <summary>
    /// Packs a kc×nc block of op(B), rows [p0, p0 + kc), columns [j0, j0 + nc), as ⌈nc/nr⌉ panels of kc×nr.
    /// op(B)[p, j] = B[p, j] or, transposed, B[j, p].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transposeB, float* b, nint ldb, int p0, int kc, int j0, int nc, int nr, float* dst)
    {
        if (transposeB)
        {
            Transpose(b + (j0 * ldb) + p0, ldb, nc, kc, dst, nr);
        }
        else
        {
            Gather(b + (p0 * ldb) + j0, ldb, nc, kc, dst, nr);
        }
    }

    /// <summary>
    /// Line l at depth p is src[p·stride + l] (lines run along the rows of src): eight source rows at a time are
    /// dealt out to the panels, so each panel receives a contiguous run (panels lie a multiple of 4 KB apart, and
    /// writing all of them at every p would keep evicting the same cache sets).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(float* src, nint stride, int count, int kc, float* dst, int panelWidth)
    {
        const int RowsPerPass = 8;
        int full = count / panelWidth;
        int rest = count - (full * panelWidth);
        nint panelSize = (nint)kc * panelWidth;
        bool wide = Vector256.IsHardwareAccelerated && panelWidth % 8 == 0;
        for (int p0 = 0; p0 < kc; p0 += RowsPerPass)
        {
            int p1 = Math.Min(p0 + RowsPerPass, kc);
            for (int q = 0; q < full; q++)
            {
                float* s = src + (p0 * stride) + (q * panelWidth);
                float* d = dst + (q * panelSize) + (p0 * panelWidth);
                for (int p = p0; p < p1; p++)
                {
                    if (wide)
                    {
                        for (int r = 0; r < panelWidth; r += 8)
                        {
                            Vector256.Load(s + r).Store(d + r);
                        }
                    }
                    else
                    {
                        Copy(s, d, panelWidth);
                    }

                    s += stride;
                    d += panelWidth;
                }
            }

            if (rest > 0)
            {
                for (int p = p0; p < p1; p++)
                {
                    float* s = src + (p * stride) + (full * panelWidth);
                    float* d = dst + (full * panelSize) + (p * panelWidth);
                    int r = 0;
                    for (; r < rest; r++)
                    {
                        d[r] = s[r];
                    }

                    for (; r < panelWidth; r++)
                    {
                        d[r] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>d[0 .. width) = s[0 .. width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* s, float* d, int width)
    {
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + 8 <= width; r += 8)
            {
                Vector256.Load(s + r).Store(d + r);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; r + 4 <= width; r += 4)
            {
                Vector128.Load(s + r).Store(d + r);
            }
        }

        for (; r < width; r++)
        {
            d[r] = s[r];
        }
    }

    /// <summary>
    /// Line l at depth p is src[l·stride + p] (lines run down the rows of src): each source row is one line,
    /// transposed into the panel 8 lines × 8 depths at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* src, nint stride, int count, int kc, float* dst, int panelWidth)
    {
        for (int l0 = 0; l0 < count; l0 += panelWidth)
        {
            TransposePanel(src + (l0 * stride), stride, Math.Min(panelWidth, count - l0), kc, dst, panelWidth);
            dst += (nint)kc * panelWidth;
        }
    }

    /// <summary>dst[p·w + r] = src[r·stride + p] for r &lt; width, 0 for width ≤ r &lt; w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposePanel(float* src, nint stride, int width, int kc, float* dst, int panelWidth)
    {
        int r = 0;
        if (Avx.IsSupported)
        {
            // Groups of 8 lanes; a group whose lines run out reads zeros, which are the padding.
            int kc8 = kc & ~7;
            for (; r < panelWidth && (panelWidth - r >= 8 || panelWidth - r is 6 or 4); r += 8)
            {
                int lines = Math.Clamp(width - r, 0, 8);
                int lanes = Math.Min(8, panelWidth - r);
                float* s = src + (r * stride);
                for (int p = 0; p < kc8; p += 8)
                {
                    Transpose8x8(s + p, stride, lines, dst + (p * panelWidth) + r, panelWidth, lanes);
                }

                for (int p = kc8; p < kc; p++)
                {
                    float* d = dst + (p * panelWidth) + r;
                    int i = 0;
                    for (; i < lines; i++)
                    {
                        d[i] = s[(i * stride) + p];
                    }

                    for (; i < lanes; i++)
                    {
                        d[i] = 0f;
                    }
                }
            }
        }

        for (; r < panelWidth; r++)
        {
            float* s = src + (r * stride);
            for (int p = 0; p < kc; p++)
            {
                dst[(p * panelWidth) + r] = r < width ? s[p] : 0f;
            }
        }
    }

    /// <summary>
    /// Writes the transpose of the lines×8 block at s (row stride ss; rows ≥ lines read as 0) to d (row stride ds),
    /// keeping the first <paramref name="lanes"/> (8, 6 or 4) columns of the result.
    /// </summary>
    private static void Transpose8x8(float* s, nint ss, int lines, float* d, nint ds, int lanes)
    {
        Vector256<float> r0 = lines > 0 ? Avx.LoadVector256(s) : Vector256<float>.Zero;
        Vector256<float> r1 = lines > 1 ? Avx.LoadVector256(s + ss) : Vector256<float>.Zero;
        Vector256<float> r2 = lines > 2 ? Avx.LoadVector256(s + (2 * ss)) : Vector256<float>.Zero;
        Vector256<float> r3 = lines > 3 ? Avx.LoadVector256(s + (3 * ss)) : Vector256<float>.Zero;
        Vector256<float> r4 = lines > 4 ? Avx.LoadVector256(s + (4 * ss)) : Vector256<float>.Zero;
        Vector256<float> r5 = lines > 5 ? Avx.LoadVector256(s + (5 * ss)) : Vector256<float>.Zero;
        Vector256<float> r6 = lines > 6 ? Avx.LoadVector256(s + (6 * ss)) : Vector256<float>.Zero;
        Vector256<float> r7 = lines > 7 ? Avx.LoadVector256(s + (7 * ss)) : Vector256<float>.Zero;

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

        Store(d, Avx.Permute2x128(u0, u4, 0x20), lanes);
        Store(d + ds, Avx.Permute2x128(u1, u5, 0x20), lanes);
        Store(d + (2 * ds), Avx.Permute2x128(u2, u6, 0x20), lanes);
        Store(d + (3 * ds), Avx.Permute2x128(u3, u7, 0x20), lanes);
        Store(d + (4 * ds), Avx.Permute2x128(u0, u4, 0x31), lanes);
        Store(d + (5 * ds), Avx.Permute2x128(u1, u5, 0x31), lanes);
        Store(d + (6 * ds), Avx.Permute2x128(u2, u6, 0x31), lanes);
        Store(d + (7 * ds), Avx.Permute2x128(u3, u7, 0x31), lanes);
    }

    /// <summary>d[0 .. lanes) = v[0 .. lanes) for lanes ∈ {8, 6, 4}.</summary>
    private static void Store(float* d, Vector256<float> v, int lanes)
    {
        if (lanes == 8)
        {
            Avx.Store(d, v);
            return;
        }

        Sse.Store(d, v.GetLower());
        if (lanes == 6)
        {
            Sse.StoreLow(d + 4, v.GetUpper());
        }
    }
}
