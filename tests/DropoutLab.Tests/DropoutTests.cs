using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class DropoutTests
{
    private static Matrix<double> Ramp(int rows, int columns)
    {
        var x = new Matrix<double>(rows, columns);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = 0.5 + (i % 7);
        }

        return x;
    }

    [Theory]
    [InlineData(0.1, 1u)]
    [InlineData(0.5, 2u)]
    [InlineData(0.86, 3u)]
    [InlineData(0.99, 4u)]
    public void FractionKeptIsWithinFiveSigmaOfKeepProb(double keepProb, uint seed)
    {
        var dropout = new Dropout<double>(keepProb, DropoutScaling.Inverted, new NumpyStreamMasks(new NumpyRandomState(seed)));
        const int n = 200_000;
        dropout.Forward(Ramp(400, 500), Mode.Train);
        double kept = TestMasks.Values(dropout).Sum();
        double sigma = Math.Sqrt(n * keepProb * (1 - keepProb));
        Assert.InRange(kept, (n * keepProb) - (5 * sigma), (n * keepProb) + (5 * sigma));
    }

    [Theory]
    [InlineData(DropoutScaling.Inverted)]
    [InlineData(DropoutScaling.AtInference)]
    [InlineData(DropoutScaling.None)]
    public void KeepProbOneIsTheIdentityInEveryModeAndRule(DropoutScaling scaling)
    {
        var dropout = new Dropout<double>(1.0, scaling, new NumpyStreamMasks(new NumpyRandomState(1)));
        Matrix<double> x = Ramp(3, 11);
        Assert.Equal(x.Data, dropout.Forward(x, Mode.Train).Data);
        Assert.Equal(x.Data, dropout.Forward(x, Mode.Eval).Data);
        Assert.Equal(x.Data, dropout.Backward(x, true)!.Data);
    }

    [Theory]
    [InlineData(DropoutScaling.Inverted, 1.0)]
    [InlineData(DropoutScaling.AtInference, 0.8)]
    [InlineData(DropoutScaling.None, 1.0)]
    public void EvalOutputFollowsTheRule(DropoutScaling scaling, double factor)
    {
        var dropout = new Dropout<double>(0.8, scaling, new NumpyStreamMasks(new NumpyRandomState(1)));
        Matrix<double> x = Ramp(4, 9);
        double[] y = dropout.Forward(x, Mode.Eval).Data;
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(factor * x.Data[i], y[i], 15);
        }
    }

    [Theory]
    [InlineData(DropoutScaling.Inverted, true)]
    [InlineData(DropoutScaling.AtInference, false)]
    [InlineData(DropoutScaling.None, false)]
    public void TrainOutputAndBackwardUseTheSameMask(DropoutScaling scaling, bool divides)
    {
        const double keepProb = 0.6;
        var dropout = new Dropout<double>(keepProb, scaling, new NumpyStreamMasks(new NumpyRandomState(5)));
        Matrix<double> x = Ramp(6, 13);
        double[] y = dropout.Forward(x, Mode.Train).Data.ToArray();
        double[] mask = TestMasks.Values(dropout).ToArray();
        Matrix<double> upstream = Ramp(6, 13);
        double[] dx = dropout.Backward(upstream, true)!.Data;
        for (int i = 0; i < y.Length; i++)
        {
            double expected = divides ? x.Data[i] * mask[i] / keepProb : x.Data[i] * mask[i];
            Assert.Equal(expected, y[i]);
            double expectedGradient = divides ? upstream.Data[i] * mask[i] / keepProb : upstream.Data[i] * mask[i];
            Assert.Equal(expectedGradient, dx[i]);
            Assert.Equal(y[i] == 0, mask[i] == 0);
        }

        Assert.Contains(0.0, mask);
        Assert.Contains(1.0, mask);
    }

    [Fact]
    public void InvertedDropoutKeepsTheMeanWithinStatisticalBounds()
    {
        const double keepProb = 0.7;
        var dropout = new Dropout<double>(keepProb, DropoutScaling.Inverted, new NumpyStreamMasks(new NumpyRandomState(11)));
        var x = new Matrix<double>(1, 100_000);
        x.Fill(2.0);
        double mean = dropout.Forward(x, Mode.Train).Data.Average();
        double standardError = 2.0 * Math.Sqrt((1 - keepProb) / keepProb) / Math.Sqrt(x.Columns);
        Assert.InRange(mean, 2.0 - (5 * standardError), 2.0 + (5 * standardError));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void KeepProbOutsideTheUnitIntervalIsRejectedByName(double keepProb)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(keepProb, DropoutScaling.Inverted, new NumpyStreamMasks(new NumpyRandomState(1))));
        Assert.Equal("keepProb", ex.ParamName);
        Assert.Contains(keepProb.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DropoutScaling.Inverted)]
    [InlineData(DropoutScaling.None)]
    [InlineData(DropoutScaling.AtInference)]
    public void FusedReluDropoutGivesTheBitsOfNumpysSeparateSteps(DropoutScaling scaling)
    {
        // numpy: A = relu(Z); D = rand(n, m) < keep_prob; A = A * D; A = A / keep_prob (inverted only), and in the
        // backward pass dA = dA * D; dA = dA / keep_prob; dZ = dA * (A > 0).
        const double keepProb = 0.86;
        var z = new Matrix<double>(20, 211);
        var dy = new Matrix<double>(20, 211);
        var draw = new NumpyRandomState(5);
        for (int e = 0; e < z.Data.Length; e++)
        {
            z.Data[e] = draw.NextGaussian();
            dy.Data[e] = draw.NextGaussian();
        }

        var layer = new ReluDropout<double>(keepProb, scaling, new NumpyStreamMasks(new NumpyRandomState(1)));
        double[] y = layer.Forward(z, Mode.Train).Data;
        double[] dz = layer.Backward(dy, computeInputGradient: true)!.Data;
        var reference = new NumpyRandomState(1);
        int dropped = 0, rectified = 0;
        for (int e = 0; e < z.Data.Length; e++)
        {
            double d = reference.NextDouble() < keepProb ? 1.0 : 0.0;
            double a = Math.Max(z.Data[e], 0.0) * d;
            double da = dy.Data[e] * d;
            if (scaling == DropoutScaling.Inverted)
            {
                a /= keepProb;
                da /= keepProb;
            }

            double expected = da * (a > 0 ? 1.0 : 0.0);
            Assert.Equal(BitConverter.DoubleToInt64Bits(a), BitConverter.DoubleToInt64Bits(y[e]));
            Assert.Equal(expected, dz[e]);
            Assert.Equal(d == 1.0, layer.WasKept(e));
            dropped += d == 0.0 ? 1 : 0;
            rectified += z.Data[e] <= 0 ? 1 : 0;
        }

        Assert.InRange(dropped, 400, 800);
        Assert.InRange(rectified, 1500, 2700);
    }

    [Fact]
    public void KeepProbOneDrawsNoRandomNumbers()
    {
        var random = new NumpyRandomState(9);
        var layer = new ReluDropout<double>(1.0, DropoutScaling.Inverted, new NumpyStreamMasks(random));
        layer.Forward(Ramp(3, 5), Mode.Train);
        Assert.Equal(new NumpyRandomState(9).NextDouble(), random.NextDouble());
        Assert.Throws<InvalidOperationException>(() => layer.WasKept(0));
    }

    [Fact]
    public void WithScalingKeepsTheMasksSourceAndKeepProb()
    {
        var masks = new NumpyStreamMasks(new NumpyRandomState(2));
        DropoutLayer<double> trained = new ReluDropout<double>(0.5, DropoutScaling.None, masks);
        DropoutLayer<double> evaluated = trained.WithScaling(DropoutScaling.AtInference);
        Assert.IsType<ReluDropout<double>>(evaluated);
        Assert.Same(masks, evaluated.Masks);
        Assert.Equal(0.5, evaluated.KeepProb);
        var x = new Matrix<double>(1, 2, [-1.0, 3.0]);
        Assert.Equal([0.0, 1.5], evaluated.Forward(x, Mode.Eval).Data);
    }
}
