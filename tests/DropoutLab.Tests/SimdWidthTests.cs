using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Numerics.Simd;
using DropoutLab.Random;

namespace DropoutLab.Tests;

/// <summary>
/// Every kernel gives the same bits at every register width this machine runs (and CI runs the suite again with
/// AVX-512, AVX2 and all intrinsics switched off, so each width is also the best width somewhere).
/// </summary>
[Trait("Category", "Fast")]
public class SimdWidthTests
{
    public static TheoryData<int> Lengths => [0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 127, 128, 129, 211, 4220, 4221];

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 20, 2, 211 }, { 3, 20, 211 }, { 1, 3, 211 }, { 17, 9, 129 }, { 5, 7, 15 }, { 9, 5, 16 }, { 4, 6, 33 },
    };

    [Fact]
    public void BestWidthIsSupportedAndScalarAlwaysIs()
    {
        Assert.Contains(SimdWidths.Best, SimdWidths.Supported);
        Assert.Equal(SimdWidth.Scalar, SimdWidths.Supported[0]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ElementwiseKernelsAgreeAcrossWidths(int n)
    {
        double[] x = Values(n, seed: 1), y = Values(n, seed: 2);
        float[] xf = [.. x.Select(v => (float)v)], yf = [.. y.Select(v => (float)v)];
        ulong[] bits = new ulong[DropoutKernel.MaskWordCount(n)];
        double[] uniforms = Values(n, seed: 3);
        for (int e = 0; e < n; e++)
        {
            bits[e / 64] |= (uniforms[e] < 0.3 ? 0UL : 1UL) << (e % 64);
        }

        foreach (SimdWidth width in SimdWidths.Supported)
        {
            AssertSame(n, width, (output, w) => ElementwiseKernels.Relu<double>(x, output, w));
            AssertSame(n, width, (output, w) => ElementwiseKernels.MaskByPositive<double>(y, x, output, w));
            AssertSame(n, width, (output, w) => DropoutKernel.Run<double>(x, x, output, bits, null, 0.86, DropoutScaling.Inverted, relu: true, divide: true, 1, w));
            AssertSame(n, width, (output, w) => DropoutKernel.Run<double>(x, x, output, bits, null, 0.86, DropoutScaling.Inverted, relu: false, divide: false, 1, w));
            AssertSame(n, width, (output, w) =>
            {
                y.CopyTo(output, 0);
                ElementwiseKernels.AddScaled<double>(x, -0.3, output, w);
            });
            AssertSameSingle(n, width, (output, w) => ElementwiseKernels.Relu<float>(xf, output, w));
            AssertSameSingle(n, width, (output, w) => DropoutKernel.Run<float>(xf, xf, output, bits, null, 0.8, DropoutScaling.Inverted, relu: false, divide: true, 1, w));
            AssertSameSingle(n, width, (output, w) =>
            {
                yf.CopyTo(output, 0);
                ElementwiseKernels.AddScaled<float>(xf, 0.01f, output, w);
            });
        }
    }

    [Fact]
    public void ReluKeepsIeeeMaximumEdgeCasesAtEveryWidth()
    {
        double[] x = [-0.0, 0.0, double.NaN, -1, 2, double.NegativeInfinity, double.PositiveInfinity, -double.Epsilon, double.Epsilon, -5, 6, double.NaN, -0.0, 3, -3, 0.5, -0.5];
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            var y = new double[x.Length];
            ElementwiseKernels.Relu<double>(x, y, width);
            for (int i = 0; i < x.Length; i++)
            {
                double expected = Math.Max(x[i], 0.0);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(y[i]));
            }
        }
    }

    [Fact]
    public void InvertedMaskDivisionIsTrueDivisionAtEveryWidthIncludingEdgeCases()
    {
        // −0 must stay −0, and subnormal, huge, infinite and NaN products must divide exactly like the scalar code.
        double[] edge = [-0.0, 0.0, double.Epsilon, -double.Epsilon, 1e-310, 2.2250738585072014e-308, 1e-300, 1e300, 1.7e308, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -1.5, 3.25, 7e-5, -2e10];
        // The first 200 lanes are normal or signed zeros only (the fast path), the rest hold every edge case.
        double[] x = [.. Enumerable.Range(0, 200).Select(i => (i % 5) switch { 0 => -0.0, 1 => 0.0, _ => (i - 100) * 0.37e-3 }),
            .. Enumerable.Range(0, 33).Select(i => edge[i % edge.Length] * (1 + (i / edge.Length)))];
        float[] xf = [.. x.Select(v => (float)v)];
        foreach (double keepProb in new[] { 0.86, 0.5, 0.3, 1.0 })
        {
            foreach (SimdWidth width in SimdWidths.Supported)
            {
                var y = new double[x.Length];
                TestDivision.Divide<double>(x, keepProb, y, width);
                Assert.Equal(x.Select(v => Bits(v / keepProb)), y.Select(Bits));
                var yf = new float[xf.Length];
                TestDivision.Divide<float>(xf, keepProb, yf, width);
                Assert.Equal(xf.Select(v => BitConverter.SingleToInt32Bits(v / (float)keepProb)), yf.Select(BitConverter.SingleToInt32Bits));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotAndPairwiseSumAgreeAcrossWidthsAndWithTheReferenceOrder(int n)
    {
        double[] a = Values(n, seed: 4), b = Values(n, seed: 5);
        float[] af = [.. a.Select(v => (float)v)], bf = [.. b.Select(v => (float)v)];
        double reference = ColumnKernelsReference.Dot<double>(a, b);
        float referenceSingle = ColumnKernelsReference.Dot<float>(af, bf);
        double sum = PairwiseSum.Sum<double>(a, SimdWidth.Scalar);
        float sumSingle = PairwiseSum.Sum<float>(af, SimdWidth.Scalar);
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            Assert.Equal(Bits(reference), Bits(ColumnKernels.Dot<double>(a, b, width)));
            Assert.Equal(BitConverter.SingleToInt32Bits(referenceSingle), BitConverter.SingleToInt32Bits(ColumnKernels.Dot<float>(af, bf, width)));
            Assert.Equal(Bits(sum), Bits(PairwiseSum.Sum<double>(a, width)));
            Assert.Equal(BitConverter.SingleToInt32Bits(sumSingle), BitConverter.SingleToInt32Bits(PairwiseSum.Sum<float>(af, width)));
        }
    }

    [Fact]
    public void DotUsesSixteenPartialSumsFoldedInHalves()
    {
        // 32 terms: lane l holds aₗ + aₗ₊₁₆. With 1e16 in lanes 0 and 8 and −1e16 in lanes 16 and 24 the big terms
        // cancel inside partial sums 0 and 8 before any 1 is added to them, so the dot is exactly the 28 ones; a
        // left-to-right sum would lose the ones added to 1e16 (and a different fold would cancel elsewhere).
        var a = new double[32];
        Array.Fill(a, 1.0);
        a[0] = 1e16;
        a[8] = 1e16;
        a[16] = -1e16;
        a[24] = -1e16;
        double[] ones = [.. Enumerable.Repeat(1.0, 32)];
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            Assert.Equal(28.0, ColumnKernels.Dot<double>(a, ones, width));
        }

        double sequential = 0;
        foreach (double v in a)
        {
            sequential += v;
        }

        Assert.NotEqual(28.0, sequential);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ColumnKernelsGiveTheReferenceBitsAtEveryWidth(int outputs, int inputs, int examples)
    {
        var random = new NumpyRandomState(42);
        Matrix<double> w = Random(outputs, inputs, random), x = Random(inputs, examples, random), dz = Random(outputs, examples, random);
        double[] bias = Random(outputs, 1, random).Data;
        Matrix<double> z = new(outputs, examples), dw = new(outputs, inputs), dx = new(inputs, examples);
        ColumnKernelsReference.Affine(w, x, bias, z);
        ColumnKernelsReference.WeightGradient(dz, x, 0.25, dw);
        ColumnKernelsReference.InputGradient(w, dz, dx);
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            Matrix<double> zFast = new(outputs, examples), dwFast = new(outputs, inputs), dxFast = new(inputs, examples);
            ColumnKernels.Affine(w, x, bias, zFast, width);
            ColumnKernels.WeightGradient(dz, x, 0.25, dwFast, width);
            ColumnKernels.InputGradient(w, dz, dxFast, width);
            Assert.Equal(z.Data.Select(Bits), zFast.Data.Select(Bits));
            Assert.Equal(dw.Data.Select(Bits), dwFast.Data.Select(Bits));
            Assert.Equal(dx.Data.Select(Bits), dxFast.Data.Select(Bits));
        }
    }

    private static void AssertSame(int n, SimdWidth width, Action<double[], SimdWidth> kernel)
    {
        double[] expected = new double[n], actual = new double[n];
        kernel(expected, SimdWidth.Scalar);
        kernel(actual, width);
        Assert.Equal(expected.Select(Bits), actual.Select(Bits));
    }

    private static void AssertSameSingle(int n, SimdWidth width, Action<float[], SimdWidth> kernel)
    {
        float[] expected = new float[n], actual = new float[n];
        kernel(expected, SimdWidth.Scalar);
        kernel(actual, width);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    // Gaussians of every magnitude from 1e-6 to 1e6, with exact zeros, negative zeros and a few NaNs.
    private static double[] Values(int n, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (i % 53) switch
            {
                5 => 0.0,
                11 => -0.0,
                _ => random.NextGaussian() * Math.Pow(10, (random.NextDouble() * 12) - 6),
            };
        }

        return values;
    }

    private static Matrix<double> Random(int rows, int columns, NumpyRandomState random)
    {
        var m = new Matrix<double>(rows, columns);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = random.NextGaussian();
        }

        return m;
    }
}
