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
[Trait("Category", "Fast")]
public class NoiseKernelTests
{
    private const double WordSpacing = 1.0 / 4294967296.0;

    public static TheoryData<int> Lengths => [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257, 1001];

    // The documented transform, one element of a pair at a time (scalar lanes): r = √(−2 ln u₁), r·cos(πt) or r·sin(πt)
    private static double Definition(uint word1, uint word2, bool sine)
    {
        Scalar<double> radius = default(BoxMullerRadiusOperator).Invoke(Scalar<double>.Create(((double)word1 + 1.0) * WordSpacing));
        Scalar<double> turns = Scalar<double>.Create(word2 * (2.0 * WordSpacing));
        return Scalar<double>.GetElement(sine ? default(BoxMullerSineOperator).Invoke(radius, turns) : default(BoxMullerCosineOperator).Invoke(radius, turns), 0);
    }

    private static (uint[] First, uint[] Second) Words(int n, ulong seed)
    {
        // Edge words first: u₁ = 2⁻³², 1 and around √½, and t at the reduction boundaries 0, ¼, ½, 1, 3/2 and just below 2.
        uint[] edges1 = [0u, uint.MaxValue, 1u << 31, 1u << 30, 1u << 29, 3u << 30, 3037000499u, 3037000500u];
        uint[] edges2 = [0u, 1u << 29, 1u << 30, 1u << 31, 3u << 30, uint.MaxValue, (1u << 29) - 1, (1u << 28) + 1];
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
    public void BoxMullerLanesAreTheSameBitsAtEveryWidthAndMatchTheMathLibrary(int n)
    {
        (uint[] first, uint[] second) = Words(n, 99);
        double[] u1 = [.. first.Select(w => ((double)w + 1.0) * WordSpacing)];
        double[] t = [.. second.Select(w => w * (2.0 * WordSpacing))];
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            var radius = new double[n];
            var cos = new double[n];
            var sin = new double[n];
            SimdDriver.Map<double, BoxMullerRadiusOperator>(u1, radius, default, width);
            SimdDriver.Map<double, BoxMullerCosineOperator>(radius, t, cos, default, width);
            SimdDriver.Map<double, BoxMullerSineOperator>(radius, t, sin, default, width);
            for (int e = 0; e < n; e++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(Definition(first[e], second[e], sine: false)) == BitConverter.DoubleToInt64Bits(cos[e]), $"cos element {e} at {width}");
                Assert.True(BitConverter.DoubleToInt64Bits(Definition(first[e], second[e], sine: true)) == BitConverter.DoubleToInt64Bits(sin[e]), $"sin element {e} at {width}");

                // Against the C library: ln to ~10⁻¹³ relative, so r to ~10⁻¹³ and z to ~10⁻¹² absolute.
                double r = Math.Sqrt(-2.0 * Math.Log(u1[e]));
                Assert.Equal(r, radius[e], Math.Max(1e-12, 1e-12 * r));
                Assert.Equal(r * Math.Cos(Math.PI * t[e]), cos[e], 1e-11);
                Assert.Equal(r * Math.Sin(Math.PI * t[e]), sin[e], 1e-11);
            }
        }
    }

    [Fact]
    public void RadiusIsExactAtTheEndsOfTheRange()
    {
        Assert.Equal(0.0, Scalar<double>.GetElement(default(BoxMullerRadiusOperator).Invoke(Scalar<double>.Create(1.0)), 0));
        Assert.Equal(Math.Sqrt(64 * Math.Log(2)), Scalar<double>.GetElement(default(BoxMullerRadiusOperator).Invoke(Scalar<double>.Create(WordSpacing)), 0), 1e-13);
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
            int pair = e / 2;
            Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(pair / 2)), stream.Key);
            double expected = pair % 2 == 0 ? Definition(words.Word0, words.Word1, e % 2 == 1) : Definition(words.Word2, words.Word3, e % 2 == 1);
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(z[e]))
            {
                Assert.Fail($"element {e} of {n} on {threads} threads: {z[e]:R}, expected {expected:R}");
            }

            if (e % 997 == 0 || e == n - 1)
            {
                Assert.Equal(expected, GaussianNoise.Element(stream, e));
            }
        }
    }

    [Fact]
    public void GaussianNoiseHasStandardNormalMomentsAndUncorrelatedPairs()
    {
        const int n = 400_000;
        var z = new double[n];
        GaussianNoise.Fill(new DropoutStream(77, 1, 0), z, 2);
        double mean = z.Average();
        double variance = z.Select(v => (v - mean) * (v - mean)).Sum() / (n - 1);
        double pairProduct = Enumerable.Range(0, n / 2).Select(j => z[2 * j] * z[(2 * j) + 1]).Average();
        double kurtosis = z.Select(v => Math.Pow(v - mean, 4)).Average() / (variance * variance);
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - (5 * Math.Sqrt(2.0 / n)), 1 + (5 * Math.Sqrt(2.0 / n)));
        Assert.InRange(pairProduct, -5 / Math.Sqrt(n / 2.0), 5 / Math.Sqrt(n / 2.0)); // cos and sin of one pair are independent
        Assert.InRange(kurtosis, 3 - (5 * Math.Sqrt(96.0 / n)), 3 + (5 * Math.Sqrt(96.0 / n)));
        Assert.InRange(z.Count(v => v > 1.959964) / (double)n, 0.025 - (5 * Math.Sqrt(0.025 * 0.975 / n)), 0.025 + (5 * Math.Sqrt(0.025 * 0.975 / n)));
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
