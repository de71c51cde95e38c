// Dimension key: op(A) is m×k, op(B) is k×n, C is m×n; all matrices row-major.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DropoutLab.Numerics;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class GemmTests
{
    /// <summary>Recorded by <see cref="KnownProduct_HasTheSameBitsOnEveryCpu"/>; it changes only if the k-blocking or the chain changes.</summary>
    private const ulong KnownProductFingerprint = 10423397010561172725;

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 3, 17, 1 },
        { 17, 3, 129 },
        { 8, 32, 16 },
        { 12, 48, 20 },
        { 4, 16, 5 },
        { 129, 257, 17 },
        { 257, 129, 3 },
        { 1, 1000, 17 },
        { 1000, 1, 33 },
        { 33, 65, 1000 },
        { 129, 1000, 9 },
    };

    private static List<GemmKernelKind> Kernels
    {
        get
        {
            var kernels = new List<GemmKernelKind> { GemmKernelKind.Portable };
            if (Fma.IsSupported && Avx2.IsSupported)
            {
                kernels.Add(GemmKernelKind.Avx2);
            }

            if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
            {
                kernels.Add(GemmKernelKind.Avx512);
            }

            return kernels;
        }
    }

    [Fact]
    public void Reference_MatchesHandWorkedProduct()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; α = 2, β = 1 onto C = [1 1; 1 1].
        double[] a = [1, 2, 3, 4];
        double[] b = [5, 6, 7, 8];
        double[] c = [1, 1, 1, 1];
        GemmReference.Multiply(false, false, 2, 2, 2, 2.0, a, 2, b, 2, 1.0, c, 2);
        Assert.Equal([39.0, 45, 87, 101], c);

        // Aᵀ·Bᵀ = (B·A)ᵀ with B·A = [23 34; 31 46].
        GemmReference.Multiply(true, true, 2, 2, 2, 1.0, a, 2, b, 2, 0.0, c, 2);
        Assert.Equal([23.0, 31, 34, 46], c);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fast_MatchesReference_AllTransposes(int m, int n, int k)
    {
        foreach (GemmKernelKind kernel in Kernels)
        {
            foreach ((bool ta, bool tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
            {
                CheckAgainstReference(ta, tb, m, n, k, 1f, 0f, extraStride: 0, kernel, seed: m + n + k);
                CheckAgainstReference(ta, tb, m, n, k, -0.75f, 0.5f, extraStride: 3, kernel, seed: m * n * k);
            }
        }
    }

    [Fact]
    public void Fast_AlphaBetaVariants()
    {
        foreach (GemmKernelKind kernel in Kernels)
        {
            foreach ((float alpha, float beta) in new[] { (1f, 1f), (2f, -1f), (0f, 0.5f), (0f, 0f), (0.5f, 0f) })
            {
                CheckAgainstReference(false, true, 37, 70, 600, alpha, beta, extraStride: 5, kernel, seed: 7);
                CheckAgainstReference(true, false, 9, 33, 1, alpha, beta, extraStride: 0, kernel, seed: 8);
            }
        }
    }

    [Fact]
    public void Fast_ZeroDepth_ScalesC()
    {
        float[] c = [1, 2, float.NaN, 4];
        Gemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0f, c, 2, threads: 1);
        Assert.Equal([0f, 0, 0, 0], c);

        c = [1, 2, 3, 4];
        Gemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 3f, c, 2, threads: 1);
        Assert.Equal([3f, 6, 9, 12], c);
    }

    [Theory]
    [InlineData(false, true, 128, 1024, 100)]
    [InlineData(true, false, 1000, 77, 128)]
    [InlineData(false, false, 129, 257, 600)]
    [InlineData(true, true, 300, 33, 513)]
    [InlineData(false, true, 36, 1000, 70)]
    public void Fast_IsBitIdenticalForAnyThreadCount(bool ta, bool tb, int m, int n, int k)
    {
        (float[] a, int lda, float[] b, int ldb) = Operands(ta, tb, m, n, k, extraStride: 1, new System.Random(42));
        var c1 = new float[m * n];
        var c2 = new float[m * n];
        var c3 = new float[m * n];
        Array.Fill(c1, 1.5f);
        Array.Fill(c2, 1.5f);
        Array.Fill(c3, 1.5f);

        Gemm.Multiply(ta, tb, m, n, k, 0.7f, a, lda, b, ldb, 0.3f, c1, n, threads: 1);
        Gemm.Multiply(ta, tb, m, n, k, 0.7f, a, lda, b, ldb, 0.3f, c2, n, threads: 2);
        Gemm.Multiply(ta, tb, m, n, k, 0.7f, a, lda, b, ldb, 0.3f, c3, n, threads: 3);

        Assert.Equal(c1, c2);
        Assert.Equal(c1, c3);
    }

    [Theory]
    [InlineData(false, false, 37, 45, 700)]
    [InlineData(true, true, 20, 100, 33)]
    public void Fast_EveryKernelGivesTheSameBits(bool ta, bool tb, int m, int n, int k)
    {
        // Each C[i, j] is the same FMA chain over p whatever the tile shape or vector width.
        (float[] a, int lda, float[] b, int ldb) = Operands(ta, tb, m, n, k, extraStride: 2, new System.Random(9));
        float[]? first = null;
        foreach (GemmKernelKind kernel in Kernels)
        {
            var c = new float[m * n];
            Array.Fill(c, 0.25f);
            Gemm.Multiply(ta, tb, m, n, k, 1.5f, a, lda, b, ldb, -0.5f, c, n, threads: 1, kernel);
            first ??= c;
            Assert.Equal(first, c);
        }
    }

    /// <summary>
    /// Shapes (m, n, k) for the cross-kernel comparison: edge tiles of every grid (4×8, 6×16, 8×32 and the 8×16,
    /// 4×32, 4×16 edge kernels), m and n that are multiples of no tile, and k above KcMax = 512 (two and three k-blocks).
    /// The last two reach the 2²¹ multiply–adds from which two threads split C. All are small enough for the portable
    /// kernel's scalar FMA under DOTNET_EnableHWIntrinsic=0.
    /// </summary>
    public static TheoryData<int, int, int> CrossKernelShapes => new()
    {
        { 1, 1, 1 },
        { 5, 15, 7 },
        { 7, 31, 9 },
        { 9, 33, 2 },
        { 13, 47, 3 },
        { 4, 16, 4 },
        { 8, 32, 8 },
        { 6, 16, 6 },
        { 12, 48, 17 },
        { 25, 70, 33 },
        { 3, 40, 513 },
        { 11, 19, 1030 },
        { 17, 23, 1537 },
        { 64, 70, 600 },
        { 40, 50, 1100 },
    };

    [Theory]
    [MemberData(nameof(CrossKernelShapes))]
    public void EveryKernelAndThreadCount_GivesTheSameBits(int m, int n, int k)
    {
        // Each C[i, j] = β·C[i, j] + Σ_blocks α·(FMA chain over p), whatever the kernel, tile or thread does it.
        foreach ((bool ta, bool tb) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            foreach ((float alpha, float beta) in new[] { (1f, 0f), (-0.75f, 0.5f), (2f, 1f) })
            {
                (float[] a, int lda, float[] b, int ldb) = Operands(ta, tb, m, n, k, extraStride: 1, new System.Random(m + (31 * n) + (977 * k)));
                int ldc = n + 2;
                var c0 = new float[m * ldc];
                var fill = new System.Random(k);
                for (int i = 0; i < c0.Length; i++)
                {
                    c0[i] = (float)(fill.NextDouble() - 0.5);
                }

                float[]? expected = null;
                foreach (GemmKernelKind kernel in Kernels)
                {
                    foreach (int threads in new[] { 1, 2 })
                    {
                        float[] c = (float[])c0.Clone();
                        Gemm.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads, kernel);
                        if (expected is null)
                        {
                            expected = c;
                            continue;
                        }

                        int at = FirstDifference(expected, c);
                        Assert.True(
                            at < 0,
                            $"{kernel} on {threads} threads, ta={ta} tb={tb} {m}×{n}×{k} α={alpha} β={beta}: "
                            + $"C[{at / ldc},{at % ldc}] = {(at < 0 ? 0 : c[at]):R}, portable on 1 thread gave {(at < 0 ? 0 : expected[at]):R}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(CrossKernelShapes))]
    public void EveryKernel_MatchesReference(int m, int n, int k)
    {
        foreach (GemmKernelKind kernel in Kernels)
        {
            CheckAgainstReference(false, false, m, n, k, -0.75f, 0.5f, extraStride: 1, kernel, seed: m + n + k);
            CheckAgainstReference(true, true, m, n, k, 2f, 0f, extraStride: 0, kernel, seed: m * n);
        }
    }

    [Fact]
    public void CacheBlockSizes_DoNotChangeTheBits()
    {
        // mc and nc follow the machine's caches; the bits must not. Compare the smallest blocks with the default ones.
        const int m = 37, n = 83, k = 1100;
        foreach (GemmKernelKind kernel in Kernels)
        {
            foreach ((bool ta, bool tb) in new[] { (false, false), (true, true) })
            {
                (float[] a, int lda, float[] b, int ldb) = Operands(ta, tb, m, n, k, extraStride: 0, new System.Random(3));
                var expected = new float[m * n];
                var actual = new float[m * n];
                Array.Fill(expected, 0.5f);
                Array.Fill(actual, 0.5f);
                Gemm.Multiply(ta, tb, m, n, k, 1.25f, a, lda, b, ldb, -1f, expected, n, threads: 1, kernel);
                RunSerialWithBlocks(ta, tb, m, n, k, 1.25f, a, lda, b, ldb, -1f, actual, n, kernel, mcBlock: 1, ncBlock: 1);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void KnownProduct_HasTheSameBitsOnEveryCpu()
    {
        // A fixed 19×45×1100 product (three k-blocks of 367, 367, 366) whose bits were recorded with the AVX-512
        // kernel and must come out of every kernel, under every DOTNET_Enable* setting CI runs.
        const int m = 19, n = 45, k = 1100;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        uint state = 12345;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = NextValue(ref state);
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = NextValue(ref state);
        }

        for (int i = 0; i < c.Length; i++)
        {
            c[i] = NextValue(ref state);
        }

        foreach (GemmKernelKind kernel in Kernels)
        {
            float[] result = (float[])c.Clone();
            Gemm.Multiply(false, false, m, n, k, 0.75f, a, k, b, n, -0.5f, result, n, threads: 1, kernel);
            Assert.Equal(KnownProductFingerprint, Fingerprint(result));
        }
    }

    [Fact]
    public void Fast_ConcurrentCallers_GetTheSameResultAsOneCaller()
    {
        const int m = 96, n = 300, k = 200;
        (float[] a, int lda, float[] b, int ldb) = Operands(false, true, m, n, k, extraStride: 0, new System.Random(5));
        var expected = new float[m * n];
        Gemm.Multiply(false, true, m, n, k, 1f, a, lda, b, ldb, 0f, expected, n, threads: 1);

        float[][] results = [.. Enumerable.Range(0, 6).Select(_ => new float[m * n])];
        Parallel.For(0, results.Length, i =>
            Gemm.Multiply(false, true, m, n, k, 1f, a, lda, b, ldb, 0f, results[i], n, threads: 2));

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Theory]
    [InlineData("32K", 32L << 10)]
    [InlineData("1024K", 1L << 20)]
    [InlineData("2M", 2L << 20)]
    [InlineData("1G", 1L << 30)]
    [InlineData("512", 512L)]
    [InlineData("", null)]
    [InlineData("K", null)]
    [InlineData("12Q", null)]
    [InlineData("-4K", null)]
    [InlineData(null, null)]
    public void Blocking_ParsesCacheSizes(string? text, long? expected) => Assert.Equal(expected, GemmBlocking.ParseSize(text));

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0-1", 2)]
    [InlineData("0-3,8,10-11", 7)]
    [InlineData("3-1", 0)]
    [InlineData("x", 0)]
    [InlineData("", 0)]
    public void Blocking_CountsSharingCpus(string list, int expected) => Assert.Equal(expected, GemmBlocking.CountCpus(list));

    [Fact]
    public void Blocking_ReadsSysfsLayout_AndFallsBackWhenMissing()
    {
        using var folder = new TempFolder();
        WriteCache(folder.Path, 0, 1, "Data", "48K", "0");
        WriteCache(folder.Path, 1, 1, "Instruction", "32K", "0");
        WriteCache(folder.Path, 2, 2, "Unified", "2048K", "0");
        WriteCache(folder.Path, 3, 3, "Unified", "32M", "0-7");
        Assert.Equal(new CacheSizes(48L << 10, 2L << 20, 4L << 20), GemmBlocking.Read(folder.Path));

        CacheSizes fallback = GemmBlocking.Read(System.IO.Path.Combine(folder.Path, "missing"));
        Assert.True(fallback.L1 > 0 && fallback.L2 > 0 && fallback.L3PerCore > 0);
    }

    [Fact]
    public void Blocking_IsWholeTilesWithinTheProblem()
    {
        foreach ((int mr, int nr) in new[] { (4, 8), (6, 16), (8, 32) })
        {
            foreach (int k in new[] { 1, 100, 512, 784, 1024, 5000 })
            {
                int kc = Gemm.KBlockDepth(k);
                Assert.InRange(kc, 1, 512);
                foreach (int extent in new[] { 1, 7, 100, 1024, 100_000 })
                {
                    int mc = GemmBlocking.Mc(mr, kc, extent);
                    int nc = GemmBlocking.Nc(nr, kc, extent);
                    Assert.Equal(0, mc % mr);
                    Assert.Equal(0, nc % nr);
                    Assert.InRange(mc, mr, Math.Max(mr, (extent + mr - 1) / mr * mr));
                    Assert.InRange(nc, nr, Math.Max(nr, (extent + nr - 1) / nr * nr));
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(512, 512)]
    [InlineData(513, 257)]
    [InlineData(784, 392)]
    [InlineData(1024, 512)]
    [InlineData(1100, 367)]
    public void KBlocks_DependOnKAlone(int k, int expected) => Assert.Equal(expected, Gemm.KBlockDepth(k));

    [Fact]
    public void Fast_RepeatedCalls_AllocateNothingOnTheCaller()
    {
        const int m = 64, n = 96, k = 700;
        (float[] a, int lda, float[] b, int ldb) = Operands(false, true, m, n, k, extraStride: 0, new System.Random(11));
        var c = new float[m * n];
        Gemm.Multiply(false, true, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, threads: 2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Gemm.Multiply(false, true, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, threads: 2);
        Gemm.Multiply(false, true, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, threads: 1);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BadArguments_ThrowNamingTheArgument()
    {
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[4];

        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(
            () => Gemm.Multiply(false, false, -1, 2, 3, 1f, a, 3, b, 2, 0f, c, 2, threads: 1)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(
            () => Gemm.Multiply(false, false, 2, -2, 3, 1f, a, 3, b, 2, 0f, c, 2, threads: 1)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(
            () => GemmReference.Multiply(false, false, 2, 2, -3, 1f, a, 3, b, 2, 0f, c, 2)).ParamName);
        Assert.Equal("lda", Assert.Throws<ArgumentOutOfRangeException>(
            () => Gemm.Multiply(false, false, 2, 2, 3, 1f, a, 2, b, 2, 0f, c, 2, threads: 1)).ParamName);
        Assert.Equal("ldc", Assert.Throws<ArgumentOutOfRangeException>(
            () => Gemm.Multiply(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 1, threads: 1)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(
            () => Gemm.Multiply(false, false, 2, 2, 3, 1f, a.AsSpan(1), 3, b, 2, 0f, c, 2, threads: 1)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(
            () => Gemm.Multiply(false, true, 2, 2, 3, 1f, a, 3, b, 4, 0f, c, 2, threads: 1)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(
            () => GemmReference.Multiply(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c.AsSpan(1), 2)).ParamName);
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(
            () => Gemm.Multiply(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2, threads: 0)).ParamName);
    }

    private static void WriteCache(string root, int index, int level, string type, string size, string shared)
    {
        string folder = Directory.CreateDirectory(System.IO.Path.Combine(root, $"index{index}")).FullName;
        File.WriteAllText(System.IO.Path.Combine(folder, "level"), $"{level}\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "type"), $"{type}\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "size"), $"{size}\n");
        File.WriteAllText(System.IO.Path.Combine(folder, "shared_cpu_list"), $"{shared}\n");
    }

    /// <summary>FNV-1a over the bit patterns of <paramref name="values"/>.</summary>
    private static ulong Fingerprint(float[] values)
    {
        ulong hash = 14695981039346656037UL;
        foreach (float value in values)
        {
            hash = (hash ^ BitConverter.SingleToUInt32Bits(value)) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>x ← 1664525·x + 1013904223 (mod 2³²); returns the top 24 bits as a value in [−0.5, 0.5).</summary>
    private static float NextValue(ref uint state)
    {
        state = unchecked((1664525u * state) + 1013904223u);
        return ((state >> 8) / 16777216f) - 0.5f;
    }

    private static int FirstDifference(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToUInt32Bits(expected[i]) != BitConverter.SingleToUInt32Bits(actual[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static unsafe void RunSerialWithBlocks(
        bool ta, bool tb, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc,
        GemmKernelKind kernel, int mcBlock, int ncBlock)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Gemm.RunSerial(new GemmProblem(ta, tb, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc), kernel, mcBlock, ncBlock);
        }
    }

    /// <summary>
    /// Fast float GEMM against the reference in double, with tolerance |Δ| ≤ 4·(k + 2)·ε·(|α|·Σₚ|a||b| + |β||c|)
    /// per element; garbage NaN in C must vanish when β = 0.
    /// </summary>
    private static void CheckAgainstReference(
        bool ta, bool tb, int m, int n, int k, float alpha, float beta, int extraStride, GemmKernelKind kernel, int seed)
    {
        var random = new System.Random(seed);
        (float[] a, int lda, float[] b, int ldb) = Operands(ta, tb, m, n, k, extraStride, random);
        int ldc = n + extraStride;
        var c = new float[(m * ldc) + 1];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = beta == 0f ? float.NaN : (float)(random.NextDouble() - 0.5);
        }

        double[] expected = [.. c.Select(x => (double)x)];
        GemmReference.Multiply(
            ta, tb, m, n, k, (double)alpha, [.. a.Select(x => (double)x)], lda,
            [.. b.Select(x => (double)x)], ldb, (double)beta, expected, ldc);

        double[] magnitude = [.. c.Select(x => beta == 0f ? 0.0 : Math.Abs(beta * (double)x))];
        GemmReference.Multiply(
            ta, tb, m, n, k, Math.Abs((double)alpha), [.. a.Select(x => Math.Abs((double)x))], lda,
            [.. b.Select(x => Math.Abs((double)x))], ldb, 1.0, magnitude, ldc);

        float[] actual = (float[])c.Clone();
        Gemm.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc, threads: 2, kernel);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int at = (i * ldc) + j;
                double tolerance = (4.0 * (k + 2) * 1.2e-7 * magnitude[at]) + 1e-30;
                Assert.False(
                    Math.Abs(actual[at] - expected[at]) > tolerance,
                    $"{kernel} ta={ta} tb={tb} {m}×{n}×{k} α={alpha} β={beta}: C[{i},{j}] = {actual[at]}, expected {expected[at]}");
            }

            // Padding between rows is never written.
            for (int j = n; j < ldc && (i * ldc) + j < c.Length; j++)
            {
                Assert.Equal(c[(i * ldc) + j], actual[(i * ldc) + j]);
            }
        }
    }

    private static (float[] A, int Lda, float[] B, int Ldb) Operands(
        bool ta, bool tb, int m, int n, int k, int extraStride, System.Random random)
    {
        int aRows = ta ? k : m;
        int lda = (ta ? m : k) + extraStride;
        int bRows = tb ? n : k;
        int ldb = (tb ? k : n) + extraStride;
        var a = new float[aRows * lda];
        var b = new float[bRows * ldb];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)(random.NextDouble() - 0.5);
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (float)(random.NextDouble() - 0.5);
        }

        return (a, Math.Max(1, lda), b, Math.Max(1, ldb));
    }
}
