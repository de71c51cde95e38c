using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Numerics.Functions;
using DropoutLab.Numerics.Operators;
using DropoutLab.Numerics.Simd;
using DropoutLab.Random;

namespace DropoutLab.Tests;

/// <summary>
/// The lane-wise kernels of the noise variants give exactly the bits of their one-element definitions: Box–Muller
/// with the scalar ln and cos(π·t), SELU with the scalar exponential — at every register width and thread count.
/// </summary>
public class NoiseKernelTests
{
    private const double WordSpacing = 1.0 / 4294967296.0;

    public static TheoryData<int> Lengths => [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257, 1001];

    // The documented transform, one element at a time: z = √(−2 ln u₁)·cos(2π·u₂)
    private static double Definition(uint word1, uint word2) =>
        Math.Sqrt(-2.0 * PortableMath.Log(((double)word1 + 1.0) * WordSpacing)) * CosPi.Evaluate(2.0 * (word2 * WordSpacing));

    private static (uint[] First, uint[] Second) Words(int n, ulong seed)
    {
        // Edge words first: u₁ = 2⁻³² and 1, and u₂ at the reduction boundaries t = 0, ¼, ½, 1, 3/2 and just below 2.
        uint[] edges1 = [0u, uint.MaxValue, 1u << 31, 1u << 30, 1u << 29, 3u << 30, 12345u, uint.MaxValue - 1];
        uint[] edges2 = [0u, 1u << 29, 1u << 30, 1u << 31, 3u << 30, uint.MaxValue, (1u << 29) - 1, (1u << 29) + 1];
        var first = new uint[n];
        var second = new uint[n];
        var key = Philox4x32Key.FromSeed(seed);
        for (int e = 0; e < n; e++)
        {
            Philox4x32Block block = Philox4x32.Evaluate(new Philox4x32Block((uint)e, 7, 0, 0), key);
            first[e] = e < edges1.Length ? edges1[e] : block.Word0;
            second[e] = e < edges2.Length ? edges2[e] : block.Word1;
        }

        return (first, second);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BoxMullerLanesMatchTheOneElementDefinitionAtEveryWidth(int n)
    {
        (uint[] first, uint[] second) = Words(n, 99);
        double[] u1 = [.. first.Select(w => ((double)w + 1.0) * WordSpacing)];
        double[] u2 = [.. second.Select(w => w * WordSpacing)];
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            var z = new double[n];
            SimdDriver.Map<double, BoxMullerOperator>(u1, u2, z, default, width);
            for (int e = 0; e < n; e++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(Definition(first[e], second[e])) == BitConverter.DoubleToInt64Bits(z[e]), $"element {e} at {width}: {z[e]:R} vs {Definition(first[e], second[e]):R}");
            }
        }
    }

    [Fact]
    public void LaneCosineOnZeroToTwoIsTheScalarCosPi()
    {
        var random = new NumpyRandomState(5);
        double[] t = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, Math.BitDecrement(2.0), Math.BitIncrement(0.25), Math.BitDecrement(0.5), Math.BitIncrement(1.0), .. Enumerable.Range(0, 5000).Select(_ => 2.0 * random.NextDouble())];
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            var cos = new double[t.Length];
            SimdDriver.Map<double, CosineOperator>(t, cos, default, width);
            for (int i = 0; i < t.Length; i++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(CosPi.Evaluate(t[i])) == BitConverter.DoubleToInt64Bits(cos[i]), $"t = {t[i]:R} at {width}");
            }
        }

        Assert.Equal(1.0, CosPi.Evaluate(0.0));
        Assert.Equal(-1.0, CosPi.Evaluate(1.0));
        Assert.Equal(0.0, CosPi.Evaluate(0.5));
        Assert.Equal(Math.Cos(Math.PI * 0.3), CosPi.Evaluate(0.3), 15);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(4095, 1)]
    [InlineData(4096 * 3 + 1, 2)]
    [InlineData(4096 * 5, 0)]
    public void GaussianNoiseIsTheDefinitionOnAnyThreadCount(int n, int threads)
    {
        var stream = new DropoutStream(0x1234_5678_9abcUL, 3, 2);
        var z = new double[n];
        GaussianNoise.Fill(stream, z, threads);
        for (int e = 0; e < n; e++)
        {
            Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(e / 2)), stream.Key);
            double expected = e % 2 == 0 ? Definition(words.Word0, words.Word1) : Definition(words.Word2, words.Word3);
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(z[e]))
            {
                Assert.Fail($"element {e} of {n} on {threads} threads: {z[e]:R}, expected {expected:R}");
            }

            if (e % 997 == 0)
            {
                Assert.Equal(expected, GaussianNoise.Element(stream, e));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SeluLanesMatchTheScalarDefinitionAtEveryWidth(int n)
    {
        var random = new NumpyRandomState(11);
        double[] x = [.. Enumerable.Range(0, n).Select(i => i switch { 0 => 0.0, 1 => -0.0, 2 => -800.0, 3 => 800.0, _ => 6.0 * (random.NextDouble() - 0.6) })];
        float[] xf = [.. x.Select(v => (float)v)];
        double lambda = 1.0507009873554805, lambdaAlpha = 1.0507009873554805 * 1.6732632423543772;
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            var y = new double[n];
            var yf = new float[n];
            ElementwiseKernels.Selu<double>(x, y, width);
            ElementwiseKernels.Selu<float>(xf, yf, width);
            var dx = new double[n];
            ElementwiseKernels.SeluDerivative<double>(x, y, dx, width);
            for (int i = 0; i < n; i++)
            {
                double expected = x[i] > 0 ? lambda * x[i] : lambdaAlpha * (PortableMath.Exp(x[i]) - 1.0);
                float expectedFloat = xf[i] > 0 ? (float)lambda * xf[i] : (float)lambdaAlpha * (PortableMath.Exp(xf[i]) - 1f);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(y[i]), $"selu({x[i]:R}) at {width}: {y[i]:R}");
                Assert.True(BitConverter.SingleToInt32Bits(expectedFloat) == BitConverter.SingleToInt32Bits(yf[i]), $"float selu({xf[i]:R}) at {width}: {yf[i]:R}");
                double slope = y[i] > 0 ? lambda : y[i] + lambdaAlpha;
                Assert.True(BitConverter.DoubleToInt64Bits(x[i] * slope) == BitConverter.DoubleToInt64Bits(dx[i]), $"selu′ at {x[i]:R}, {width}");
            }
        }
    }

    private readonly struct CosineOperator : IUnaryOperator<double>
    {
        public TV Invoke<TV>(TV x)
            where TV : unmanaged, IVector<TV, double>
            => CosPi.OnZeroToTwo(x);
    }
}
