using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Tests;

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
        var dropout = new Dropout<double>(keepProb, DropoutScaling.Inverted, new NumpyRandomState(seed));
        const int n = 200_000;
        dropout.Forward(Ramp(400, 500), Mode.Train);
        double kept = dropout.Mask!.Data.Sum();
        double sigma = Math.Sqrt(n * keepProb * (1 - keepProb));
        Assert.InRange(kept, (n * keepProb) - (5 * sigma), (n * keepProb) + (5 * sigma));
    }

    [Theory]
    [InlineData(DropoutScaling.Inverted)]
    [InlineData(DropoutScaling.AtInference)]
    [InlineData(DropoutScaling.None)]
    public void KeepProbOneIsTheIdentityInEveryModeAndRule(DropoutScaling scaling)
    {
        var dropout = new Dropout<double>(1.0, scaling, new NumpyRandomState(1));
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
        var dropout = new Dropout<double>(0.8, scaling, new NumpyRandomState(1));
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
        var dropout = new Dropout<double>(keepProb, scaling, new NumpyRandomState(5));
        Matrix<double> x = Ramp(6, 13);
        double[] y = dropout.Forward(x, Mode.Train).Data.ToArray();
        double[] mask = dropout.Mask!.Data.ToArray();
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
        var dropout = new Dropout<double>(keepProb, DropoutScaling.Inverted, new NumpyRandomState(11));
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
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(keepProb, DropoutScaling.Inverted, new NumpyRandomState(1)));
        Assert.Equal("keepProb", ex.ParamName);
        Assert.Contains(keepProb.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }
}
