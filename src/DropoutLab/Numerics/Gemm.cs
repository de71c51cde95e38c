// Dimension key: op(A) is m×k, op(B) is k×n, C is m×n; all matrices row-major.
// A is stored as m×k (lda ≥ k) or, when transposed, as k×m (lda ≥ m); likewise B as k×n or n×k.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DropoutLab.Threading;

namespace DropoutLab.Numerics;

/// <summary>
/// Fast float32 GEMM, C ← α·op(A)·op(B) + β·C, in managed SIMD (Goto/BLIS layout: packed panels,
/// cache blocks MC×KC and KC×NC, an mr×nr register-blocked micro-kernel).
/// </summary>
/// <remarks>
/// <para>
/// Deterministic: every C[i, j] is β·C[i, j] + Σ_blocks α·(fused multiply–add chain over p in the block),
/// with k cut into blocks that depend only on k. Threads split the rows or columns of C, never k, so the
/// result is bit-identical for every thread count. The chain is the same in every micro-kernel (AVX-512,
/// AVX2, portable Vector128 with correctly rounded FMA), so results also agree across those machines.
/// </para>
/// <para>
/// Memory and threads: each calling thread and each of the (at most ProcessorCount − 1) background helper
/// threads of the <see cref="ThreadCrew"/> keeps one pinned pack buffer (a few MB at most, sized by
/// <see cref="GemmBlocking"/> to the caches and the problem) that it reuses, so calls of the same or smaller
/// shape after the first allocate nothing. Concurrent callers are safe; only one at a time uses the helpers.
/// </para>
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>Deepest k-block. A constant, not a cache size: the k-blocking fixes the rounding of C on every machine.</summary>
    private const int KcMax = 512;

    /// <summary>Below this many multiply–adds a second thread costs more than it saves.</summary>
    private const long ParallelThreshold = 1L << 21;

    /// <summary>The best micro-kernel this machine runs.</summary>
    internal static readonly GemmKernelKind BestKernel =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? GemmKernelKind.Avx512
        : Fma.IsSupported && Avx2.IsSupported ? GemmKernelKind.Avx2
        : GemmKernelKind.Portable;

    /// <summary>Name of the micro-kernel <see cref="Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/> uses here: avx512, avx2 or portable.</summary>
    public static string KernelName => BestKernel switch
    {
        GemmKernelKind.Avx512 => "avx512",
        GemmKernelKind.Avx2 => "avx2",
        _ => "portable",
    };

    /// <summary>C ← α·op(A)·op(B) + β·C using every processor.</summary>
    /// <inheritdoc cref="Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, Environment.ProcessorCount);

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C. When β = 0, C is overwritten and its old contents (even NaN) are ignored.
    /// </summary>
    /// <param name="transposeA">op(A) = Aᵀ, with A stored k×m.</param>
    /// <param name="transposeB">op(B) = Bᵀ, with B stored n×k.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B): the length of each dot product.</param>
    /// <param name="alpha">Scale α of the product.</param>
    /// <param name="a">A, row-major as stored.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="b">B, row-major as stored.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="beta">Scale β of the old C.</param>
    /// <param name="c">C, row-major m×n.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="threads">Most threads to use (≥ 1); the result does not depend on it.</param>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, int threads)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads, BestKernel);

    /// <summary>As the public overload, with the micro-kernel chosen by the caller (for tests).</summary>
    internal static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, int threads, GemmKernelKind kernel)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);

        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var problem = new GemmProblem(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (k == 0 || alpha == 0f)
            {
                ScaleC(problem);
                return;
            }

            Run(problem, threads, kernel);
        }
    }

    private static void Run(GemmProblem problem, int threads, GemmKernelKind kernel)
    {
        (int mr, int nr) = TileShape(kernel);
        int m = problem.M;
        int n = problem.N;
        long work = (long)m * n * problem.K;
        int tilesM = (m + mr - 1) / mr;
        int tilesN = (n + nr - 1) / nr;
        threads = work < ParallelThreshold ? 1 : Math.Min(Math.Min(threads, Environment.ProcessorCount), Math.Max(tilesM, tilesN));
        if (threads == 1)
        {
            RunSerial(problem, kernel);
            return;
        }

        // Split C by rows or by columns, whichever leaves the busiest thread the least work,
        // counting a repacked operand as ≈ 8 multiply–adds per element.
        long k = problem.K;
        int rowsPerPart = ((tilesM + threads - 1) / threads) * mr;
        int colsPerPart = ((tilesN + threads - 1) / threads) * nr;
        long costRows = (Math.Min(rowsPerPart, m) * k * (n + 8)) + (8 * k * n);
        long costCols = (Math.Min(colsPerPart, n) * k * (m + 8)) + (8 * k * m);
        bool splitRows = costRows < costCols;
        var partition = new GemmPartition(problem, kernel, splitRows, splitRows ? rowsPerPart : colsPerPart, splitRows ? m : n);
        ThreadCrew.Run(partition, partition.Parts);
    }

    private static (int Mr, int Nr) TileShape(GemmKernelKind kernel) => kernel switch
    {
        GemmKernelKind.Avx512 => (8, 32),
        GemmKernelKind.Avx2 => (6, 16),
        _ => (4, 8),
    };

    /// <summary>Sequential blocked GEMM over one partition of C, with cache blocks sized for this machine.</summary>
    internal static void RunSerial(GemmProblem pr, GemmKernelKind kernel)
    {
        (int mr, int nr) = TileShape(kernel);
        int kcMax = KBlockDepth(pr.K);
        RunSerial(pr, kernel, GemmBlocking.Mc(mr, kcMax, pr.M), GemmBlocking.Nc(nr, kcMax, pr.N));
    }

    /// <summary>
    /// Deepest k-block for depth k: k is cut into ⌈k / KcMax⌉ blocks of equal depth (the last may be shallower).
    /// It depends on k alone, never on the machine or the kernel, because it fixes the rounding of every C[i, j].
    /// </summary>
    internal static int KBlockDepth(int k)
    {
        int kBlocks = Math.Max(1, (k + KcMax - 1) / KcMax);
        return (k + kBlocks - 1) / kBlocks;
    }

    /// <summary>
    /// Sequential blocked GEMM over one partition of C, packing at most <paramref name="mcBlock"/> rows of op(A) and
    /// <paramref name="ncBlock"/> columns of op(B) at once (rounded up to whole tiles); the bits do not depend on them.
    /// </summary>
    internal static void RunSerial(GemmProblem pr, GemmKernelKind kernel, int mcBlock, int ncBlock)
    {
        (int mr, int nr) = TileShape(kernel);
        int kcMax = KBlockDepth(pr.K);
        int mcMax = Math.Max(1, (mcBlock + mr - 1) / mr) * mr;
        int ncMax = Math.Max(1, (ncBlock + nr - 1) / nr) * nr;

        float* packA = GemmPackBuffers.Rent((mcMax + ncMax) * kcMax);
        float* packB = packA + (mcMax * kcMax);
        float* tile = stackalloc float[mr * nr];

        for (int jc = 0; jc < pr.N; jc += ncMax)
        {
            int nc = Math.Min(ncMax, pr.N - jc);
            for (int pc = 0; pc < pr.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, pr.K - pc);
                GemmPacking.PackB(pr.TransposeB, pr.B, pr.Ldb, pc, kc, jc, nc, nr, packB);

                // The first k-block applies β to the old C; later blocks accumulate onto it.
                float beta = pc == 0 ? pr.Beta : 1f;
                for (int ic = 0; ic < pr.M; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, pr.M - ic);
                    GemmPacking.PackA(pr.TransposeA, pr.A, pr.Lda, ic, mc, pc, kc, mr, packA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        float* bPanel = packB + (jr * kc);
                        float* cPanel = pr.C + (ic * pr.Ldc) + jc + jr;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir);
                            float* aPanel = packA + (ir * kc);
                            float* cTile = cPanel + (ir * pr.Ldc);
                            if (rows == mr && cols == nr)
                            {
                                Kernel(kernel, mr, nr, kc, aPanel, bPanel, nr, cTile, pr.Ldc, pr.Alpha, beta);
                            }
                            else
                            {
                                EdgeTile(kernel, mr, nr, kc, aPanel, bPanel, tile, cTile, pr.Ldc, pr.Alpha, beta, rows, cols);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>C[0 .. rows, 0 .. cols] ← α·(packed A sliver)·(packed B sliver) + β·C for a tile cut by the edge of C.</summary>
    private static void EdgeTile(
        GemmKernelKind kernel, int mr, int nr, int kc, float* aPanel, float* bPanel, float* tile,
        float* cTile, nint ldc, float alpha, float beta, int rows, int cols)
    {
        // Edge tiles of the AVX-512 grid use a narrower kernel that skips most of the padding.
        int kernelRows = kernel == GemmKernelKind.Avx512 && rows <= 4 ? 4 : mr;
        int kernelCols = kernel == GemmKernelKind.Avx512 && cols <= 16 ? 16 : nr;
        if (rows == kernelRows && cols == kernelCols)
        {
            Kernel(kernel, kernelRows, kernelCols, kc, aPanel, bPanel, nr, cTile, ldc, alpha, beta);
            return;
        }

        // Same arithmetic as a full tile: t = α·acc, then C ← t + β·C.
        Kernel(kernel, kernelRows, kernelCols, kc, aPanel, bPanel, nr, tile, nr, alpha, 0f);
        for (int r = 0; r < rows; r++)
        {
            float* cRow = cTile + (r * ldc);
            float* tRow = tile + (r * nr);
            for (int j = 0; j < cols; j++)
            {
                cRow[j] = beta == 0f ? tRow[j] : tRow[j] + (beta * cRow[j]);
            }
        }
    }

    private static void Kernel(
        GemmKernelKind kernel, int rows, int cols, int kc, float* a, float* b, nint bStride, float* c, nint ldc,
        float alpha, float beta)
    {
        switch (kernel)
        {
            case GemmKernelKind.Avx512 when rows == 8 && cols == 32:
                GemmMicroKernel.Avx512x8x32(kc, a, b, bStride, c, ldc, alpha, beta);
                break;
            case GemmKernelKind.Avx512 when rows == 8:
                GemmMicroKernel.Avx512x8x16(kc, a, b, bStride, c, ldc, alpha, beta);
                break;
            case GemmKernelKind.Avx512 when cols == 32:
                GemmMicroKernel.Avx512x4x32(kc, a, b, bStride, c, ldc, alpha, beta);
                break;
            case GemmKernelKind.Avx512:
                GemmMicroKernel.Avx512x4x16(kc, a, b, bStride, c, ldc, alpha, beta);
                break;
            case GemmKernelKind.Avx2:
                GemmMicroKernel.Avx2x6x16(kc, a, b, bStride, c, ldc, alpha, beta);
                break;
            default:
                GemmMicroKernel.Portable4x8(kc, a, b, bStride, c, ldc, alpha, beta);
                break;
        }
    }

    /// <summary>C ← β·C (C ← 0 when β = 0), for an empty or zero-scaled product.</summary>
    private static void ScaleC(GemmProblem pr)
    {
        for (int i = 0; i < pr.M; i++)
        {
            var row = new Span<float>(pr.C + (i * pr.Ldc), pr.N);
            if (pr.Beta == 0f)
            {
                row.Clear();
            }
            else
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= pr.Beta;
                }
            }
        }
    }
}
