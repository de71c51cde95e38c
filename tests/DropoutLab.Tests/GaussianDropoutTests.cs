using System.Security.Cryptography;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class GaussianDropoutTests
{
    private static Matrix<T> Ramp<T>(int rows, int columns)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var x = new Matrix<T>(rows, columns);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = T.CreateChecked(-1.75 + (0.5 * (i % 9)));
        }

        return x;
    }

    private static Matrix<double> Ones(int rows, int columns)
    {
        var x = new Matrix<double>(rows, columns);
        Array.Fill(x.Data, 1.0);
        return x;
    }

    [Theory]
    [InlineData(0.5, 11UL)]
    [InlineData(0.8, 12UL)]
    [InlineData(0.95, 13UL)]
    public void NoiseHasMeanOneAndTheVarianceOfInvertedDropout(double keepProb, ulong seed)
    {
        var layer = new GaussianDropout<double>(keepProb, new CounterMasks(new MaskClock(seed), 2));
        double[] noise = layer.Forward(Ones(400, 500), Mode.Train).Data;
        double expectedVariance = (1 - keepProb) / keepProb;
        double meanSe = Math.Sqrt(expectedVariance / noise.Length);
        Assert.InRange(NoiseStatistics.Mean(noise), 1 - (5 * meanSe), 1 + (5 * meanSe));
        double varianceSe = expectedVariance * Math.Sqrt(2.0 / (noise.Length - 1));
        Assert.InRange(NoiseStatistics.Variance(noise), expectedVariance - (5 * varianceSe), expectedVariance + (5 * varianceSe));
        Assert.Equal(Math.Sqrt(expectedVariance), layer.NoiseStandardDeviation, 15);
    }

    [Fact]
    public void StandardizedNoiseIsNormalNotJustRightInItsFirstTwoMoments()
    {
        const double keepProb = 0.5;
        var layer = new GaussianDropout<double>(keepProb, new CounterMasks(new MaskClock(5), 0));
        double[] noise = layer.Forward(Ones(500, 400), Mode.Train).Data;
        double[] z = [.. noise.Select(v => (v - 1) / layer.NoiseStandardDeviation)];

        // P(|z| < 1) = 0.682689…, P(z < −2) = 0.022750…, E[z³] = 0, E[z⁴] = 3, each within 5 standard errors
        static void Near(double observed, double expected, double se) => Assert.InRange(observed, expected - (5 * se), expected + (5 * se));
        int n = z.Length;
        Near(z.Count(v => Math.Abs(v) < 1) / (double)n, 0.6826894921370859, Math.Sqrt(0.6827 * 0.3173 / n));
        Near(z.Count(v => v < -2) / (double)n, 0.0227501319481792, Math.Sqrt(0.02275 * 0.97725 / n));
        Near(z.Average(v => v * v * v), 0, Math.Sqrt(15.0 / n));
        Near(z.Average(v => v * v * v * v), 3, Math.Sqrt(96.0 / n));
        Assert.All(z, v => Assert.InRange(Math.Abs(v), 0, 6.67));
    }

    [Fact]
    public void InferenceIsTheIdentityAndMonteCarloModeDrawsNoise()
    {
        var layer = new GaussianDropout<double>(0.7, new CounterMasks(new MaskClock(3), 1));
        Matrix<double> x = Ramp<double>(6, 7);
        Assert.Equal(x.Data, layer.Forward(x, Mode.Eval).Data);
        Assert.Equal(x.Data, layer.Backward(x, true)!.Data);

        layer.DropAtEval = true;
        double[] monteCarlo = layer.Forward(x, Mode.Eval).Data.ToArray();
        double[] train = layer.Forward(x, Mode.Train).Data;
        Assert.NotEqual(x.Data, monteCarlo);
        Assert.Equal(train, monteCarlo);
    }

    [Fact]
    public void KeepProbOneIsTheIdentityInTraining()
    {
        var layer = new GaussianDropout<double>(1.0, new CounterMasks(new MaskClock(3), 1));
        Matrix<double> x = Ramp<double>(5, 5);
        Assert.Equal(x.Data, layer.Forward(x, Mode.Train).Data);
    }

    [Fact]
    public void NoiseIsAFunctionOfSeedStepAndSite()
    {
        Matrix<double> x = Ones(8, 33);
        double[] Draw(ulong seed, ulong step, uint site)
        {
            var clock = new MaskClock(seed) { Step = step };
            return new GaussianDropout<double>(0.6, new CounterMasks(clock, site)).Forward(x, Mode.Train).Data.ToArray();
        }

        Assert.Equal(Draw(9, 4, 2), Draw(9, 4, 2));
        Assert.NotEqual(Draw(9, 4, 2), Draw(9, 5, 2));
        Assert.NotEqual(Draw(9, 4, 2), Draw(9, 4, 3));
        Assert.NotEqual(Draw(9, 4, 2), Draw(10, 4, 2));

        // Element e is zₑ of the counter stream, whatever the buffer's length or shape.
        var clock = new MaskClock(9) { Step = 4 };
        double[] shorter = new GaussianDropout<double>(0.6, new CounterMasks(clock, 2)).Forward(Ones(3, 5), Mode.Train).Data;
        Assert.Equal(Draw(9, 4, 2)[..15], shorter);
        for (int e = 0; e < shorter.Length; e++)
        {
            Assert.Equal(1 + (Math.Sqrt(0.4 / 0.6) * GaussianNoise.Element(new DropoutStream(9, 4, 2), e)), shorter[e]);
        }
    }

    [Fact]
    public void BackwardMultipliesByTheSameNoiseAndReuseMaskKeepsIt()
    {
        var clock = new MaskClock(21);
        var layer = new GaussianDropout<double>(0.75, new CounterMasks(clock, 0));
        Matrix<double> x = Ramp<double>(4, 10);
        double[] y = layer.Forward(x, Mode.Train).Data.ToArray();
        Matrix<double> dy = Ramp<double>(4, 10);
        dy.Data.AsSpan().Reverse();
        double[] dx = layer.Backward(dy, true)!.Data;
        for (int e = 0; e < y.Length; e++)
        {
            Assert.Equal(x.Data[e] * layer.NoiseAt(e), y[e]);
            Assert.Equal(dy.Data[e] * layer.NoiseAt(e), dx[e]);
            Assert.True(layer.WasKept(e));
        }

        clock.Advance();
        layer.ReuseMask = true;
        Assert.Equal(y, layer.Forward(x, Mode.Train).Data);
        layer.ReuseMask = false;
        Assert.NotEqual(y, layer.Forward(x, Mode.Train).Data);
    }

    // The CI runs this under DOTNET_EnableAVX512F=0, EnableAVX2=0 and EnableHWIntrinsic=0: the bits must not move.
    [Fact]
    public void ForwardOutputHasThePinnedBits()
    {
        var clock = new MaskClock(20260101) { Step = 7 };
        Matrix<double> x = Ramp<double>(13, 17);
        double[] y = new GaussianDropout<double>(0.8, new CounterMasks(clock, 3)).Forward(x, Mode.Train).Data;
        float[] single = new GaussianDropout<float>(0.8, new CounterMasks(clock, 3)).Forward(Ramp<float>(13, 17), Mode.Train).Data;
        Assert.Equal(-1.662272788302868, y[0]);
        Assert.Equal(-1.593907782681928, y[1]);
        Assert.Equal("BE769A408EEA06E81394416C7C0CB73C79B41C3A3472EB0A47145B5CC72F90F0", Sha256(y));
        Assert.Equal("460262CCCDFACEEDD3A72A8D8C1DFF33848BFBA3237FF7D567F153AEFBBD593F", Sha256(single));

        // The same noise from the stated transform with the C library's ln, cos and sin (equal to ~10⁻¹²): pair j = ⌊e/2⌋
        // takes words (2i, 2i + 1), i = j mod 2, of block ⌊j/2⌋; even e is r·cos(πt), odd e r·sin(πt).
        var stream = new DropoutStream(20260101, 7, 3);
        for (int e = 0; e < y.Length; e++)
        {
            int pair = e / 2;
            Philox4x32Block words = Philox4x32.Evaluate(new Philox4x32Block((uint)(pair / 2), 7, 0, 3), Philox4x32Key.FromSeed(20260101));
            uint w1 = pair % 2 == 0 ? words.Word0 : words.Word2;
            uint w2 = pair % 2 == 0 ? words.Word1 : words.Word3;
            double u1 = (w1 + 1.0) / 4294967296.0;
            double t = w2 / 2147483648.0;
            double r = Math.Sqrt(-2 * Math.Log(u1));
            double z = e % 2 == 0 ? r * Math.Cos(Math.PI * t) : r * Math.Sin(Math.PI * t);
            Assert.InRange(Math.Abs(GaussianNoise.Element(stream, e) - z), 0, 1e-11);
            Assert.InRange(Math.Abs(y[e] - (x.Data[e] * (1 + (0.5 * z)))), 0, 1e-10);
        }
    }

    private static string Sha256<T>(T[] values)
        where T : unmanaged => Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.25)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void KeepProbOutsideTheUnitIntervalIsRejectedByName(double keepProb)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDropout<double>(keepProb, new CounterMasks(new MaskClock(1), 0)));
        Assert.Equal("keepProb", error.ParamName);
        Assert.Contains(keepProb.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheInvertedRuleApplies()
    {
        var layer = new GaussianDropout<double>(0.8, new CounterMasks(new MaskClock(1), 4));
        var copy = Assert.IsType<GaussianDropout<double>>(layer.WithScaling(DropoutScaling.Inverted));
        Assert.Equal(0.8, copy.KeepProb);
        Assert.Same(layer.Masks, copy.Masks);
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.WithScaling(DropoutScaling.AtInference));
    }
}
