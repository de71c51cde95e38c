using System.Security.Cryptography;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class AlphaDropoutTests
{
    // α′ = −λα as PyTorch's alpha_dropout writes it
    private const double Saturation = -1.0507009873554805 * 1.6732632423543772;

    private static Matrix<double> StandardNormal(int rows, int columns, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var x = new Matrix<double>(rows, columns);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = random.NextGaussian();
        }

        return x;
    }

    [Theory]
    [InlineData(0.5, 1u)]
    [InlineData(0.8, 2u)]
    [InlineData(0.95, 3u)]
    public void StandardNormalInputKeepsMeanZeroAndVarianceOne(double keepProb, uint seed)
    {
        var layer = new AlphaDropout<double>(keepProb, new CounterMasks(new MaskClock(seed), 1));
        double[] y = layer.Forward(StandardNormal(400, 500, seed), Mode.Train).Data;
        double meanSe = Math.Sqrt(NoiseStatistics.Variance(y) / y.Length);
        Assert.InRange(NoiseStatistics.Mean(y), -5 * meanSe, 5 * meanSe);
        double varianceSe = NoiseStatistics.VarianceStandardError(y);
        Assert.InRange(NoiseStatistics.Variance(y), 1 - (5 * varianceSe), 1 + (5 * varianceSe));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void DropsAboutOneMinusKeepProbAndSetsDroppedElementsToTheSaturatedValue(double keepProb)
    {
        var layer = new AlphaDropout<double>(keepProb, new CounterMasks(new MaskClock(17), 0));
        Matrix<double> x = StandardNormal(300, 400, 8);
        double[] y = layer.Forward(x, Mode.Train).Data;
        double scale = 1 / Math.Sqrt(keepProb + (Saturation * Saturation * keepProb * (1 - keepProb)));
        double shift = -scale * (1 - keepProb) * Saturation;
        Assert.Equal(scale, layer.AffineScale, 15);
        Assert.Equal(shift, layer.AffineShift, 15);

        int dropped = 0;
        for (int e = 0; e < y.Length; e++)
        {
            if (layer.WasKept(e))
            {
                Assert.Equal((scale * x.Data[e]) + shift, y[e], 14);
            }
            else
            {
                dropped++;
                Assert.Equal((scale * Saturation) + shift, y[e], 14);
            }
        }

        double n = y.Length;
        double sigma = Math.Sqrt(n * keepProb * (1 - keepProb));
        Assert.InRange(dropped, (n * (1 - keepProb)) - (5 * sigma), (n * (1 - keepProb)) + (5 * sigma));
    }

    [Fact]
    public void DrawsTheSameKeepBitsAsPlainDropoutFromTheSameSource()
    {
        Matrix<double> x = StandardNormal(37, 29, 4);
        var clock = new MaskClock(99) { Step = 12 };
        var alpha = new AlphaDropout<double>(0.7, new CounterMasks(clock, 5));
        var plain = new Dropout<double>(0.7, DropoutScaling.Inverted, new CounterMasks(clock, 5));
        alpha.Forward(x, Mode.Train);
        plain.Forward(x, Mode.Train);
        Assert.Equal(plain.CopyMask(), alpha.CopyMask());

        var alphaNumpy = new AlphaDropout<double>(0.7, new NumpyStreamMasks(new NumpyRandomState(6)));
        var plainNumpy = new Dropout<double>(0.7, DropoutScaling.Inverted, new NumpyStreamMasks(new NumpyRandomState(6)));
        alphaNumpy.Forward(x, Mode.Train);
        plainNumpy.Forward(x, Mode.Train);
        Assert.Equal(plainNumpy.CopyMask(), alphaNumpy.CopyMask());
    }

    [Fact]
    public void BackwardIsTheAffineScaleOnKeptElementsOnly()
    {
        var layer = new AlphaDropout<double>(0.6, new CounterMasks(new MaskClock(2), 0));
        Matrix<double> x = StandardNormal(5, 21, 9);
        layer.Forward(x, Mode.Train);
        Matrix<double> dy = StandardNormal(5, 21, 10);
        double[] dx = layer.Backward(dy, true)!.Data;
        Assert.Contains(false, layer.CopyMask());
        for (int e = 0; e < dx.Length; e++)
        {
            Assert.Equal(layer.WasKept(e) ? layer.AffineScale * dy.Data[e] : 0.0, dx[e]);
        }
    }

    [Fact]
    public void InferenceIsTheIdentityAndKeepProbOneTrainsAsTheIdentity()
    {
        Matrix<double> x = StandardNormal(6, 8, 1);
        var layer = new AlphaDropout<double>(0.8, new CounterMasks(new MaskClock(3), 0));
        Assert.Equal(x.Data, layer.Forward(x, Mode.Eval).Data);
        Assert.Equal(x.Data, layer.Backward(x, true)!.Data);

        layer.DropAtEval = true;
        Assert.NotEqual(x.Data, layer.Forward(x, Mode.Eval).Data);

        var keepAll = new AlphaDropout<double>(1.0, new CounterMasks(new MaskClock(3), 0));
        Assert.Equal(x.Data, keepAll.Forward(x, Mode.Train).Data);
    }

    [Fact]
    public void ForwardOutputHasThePinnedBits()
    {
        var clock = new MaskClock(20260101) { Step = 7 };
        double[] y = new AlphaDropout<double>(0.8, new CounterMasks(clock, 3)).Forward(StandardNormal(13, 17, 2), Mode.Train).Data;
        Assert.Equal("B5E3ED2B7FE7E29477038A6373A248E1BEC2AC171708D15F6D5A431C655E2F86", Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(y.AsSpan()))));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void KeepProbOutsideTheUnitIntervalIsRejectedByName(double keepProb)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AlphaDropout<double>(keepProb, new CounterMasks(new MaskClock(1), 0)));
        Assert.Equal("keepProb", error.ParamName);
        Assert.Contains(keepProb.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheInvertedRuleApplies()
    {
        var layer = new AlphaDropout<double>(0.8, new CounterMasks(new MaskClock(1), 4));
        Assert.IsType<AlphaDropout<double>>(layer.WithScaling(DropoutScaling.Inverted));
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.WithScaling(DropoutScaling.None));
    }
}
