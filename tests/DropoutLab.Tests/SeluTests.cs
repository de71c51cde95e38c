using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class SeluTests
{
    private const double Lambda = 1.0507009873554805;
    private const double Alpha = 1.6732632423543772;

    private static double[] Apply(params double[] x)
    {
        var input = new Matrix<double>(1, x.Length);
        x.CopyTo(input.Data, 0);
        return new Selu<double>().Forward(input, Mode.Train).Data;
    }

    [Fact]
    public void PositiveInputsAreScaledExactlyByLambda()
    {
        double[] x = [1e-300, 0.5, 1.0, 2.0, 3.25, 1e10];
        double[] y = Apply(x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(Lambda * x[i], y[i]);
        }
    }

    [Fact]
    public void NegativeInputsFollowLambdaAlphaTimesExpMinusOne()
    {
        double[] y = Apply(-1.0, 0.0, -0.125, -3.0, -50.0);
        Assert.InRange(Math.Abs(y[0] - (Lambda * Alpha * (Math.Exp(-1.0) - 1))), 0, 1e-15);
        Assert.InRange(Math.Abs(y[0] - -1.1113307378125628), 0, 1e-15);
        Assert.Equal(0.0, y[1]);
        Assert.InRange(Math.Abs(y[2] - (Lambda * Alpha * (Math.Exp(-0.125) - 1))), 0, 1e-15);
        Assert.InRange(Math.Abs(y[3] - (Lambda * Alpha * (Math.Exp(-3.0) - 1))), 0, 1e-15);
        Assert.InRange(Math.Abs(y[4] - -(Lambda * Alpha)), 0, 1e-15);
    }

    [Fact]
    public void BackwardMatchesCentralDifferences()
    {
        double[] x = [-4.0, -1.5, -0.3, -1e-3, 2e-3, 0.7, 2.5];
        var input = new Matrix<double>(1, x.Length);
        x.CopyTo(input.Data, 0);
        var layer = new Selu<double>();
        layer.Forward(input, Mode.Train);
        var dy = new Matrix<double>(1, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            dy.Data[i] = 0.5 + i;
        }

        double[] dx = layer.Backward(dy, true)!.Data;
        const double h = 1e-6;
        for (int i = 0; i < x.Length; i++)
        {
            double numeric = (Apply(x[i] + h)[0] - Apply(x[i] - h)[0]) / (2 * h) * dy.Data[i];
            double exact = dy.Data[i] * (x[i] > 0 ? Lambda : Lambda * Alpha * Math.Exp(x[i]));
            Assert.InRange(Math.Abs(dx[i] - numeric), 0, 1e-7 * Math.Abs(numeric));
            Assert.InRange(Math.Abs(dx[i] - exact), 0, 1e-14 * Math.Abs(exact));
        }
    }

    [Fact]
    public void StandardNormalInputIsTheSelfNormalizingFixedPoint()
    {
        var random = new NumpyRandomState(31);
        var x = new Matrix<double>(400, 500);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = random.NextGaussian();
        }

        double[] y = new Selu<double>().Forward(x, Mode.Train).Data;
        double meanSe = Math.Sqrt(NoiseStatistics.Variance(y) / y.Length);
        Assert.InRange(NoiseStatistics.Mean(y), -5 * meanSe, 5 * meanSe);
        double varianceSe = NoiseStatistics.VarianceStandardError(y);
        Assert.InRange(NoiseStatistics.Variance(y), 1 - (5 * varianceSe), 1 + (5 * varianceSe));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DeepSeluNetworkWithLeCunWeightsStaysNormalizedWithAndWithoutAlphaDropout(bool alphaDropout)
    {
        const int width = 200, depth = 16, examples = 400;
        int[] sizes = [.. Enumerable.Repeat(width, depth + 1)];
        MlpNetwork<double> lecun = MlpNetwork<double>.Create(sizes, [.. Enumerable.Repeat(1.0, depth)], DropoutScaling.Inverted, seed: 4, threads: 1, initGain: 1.0);
        var clock = new MaskClock(8);
        var layers = new List<ILayer<double>>();
        uint site = 0;
        foreach (Dense<double> dense in lecun.DenseLayers)
        {
            layers.Add(new Dense<double>(dense.Weights.Value, dense.Weights.Name, threads: 1));
            layers.Add(new Selu<double>());
            if (alphaDropout)
            {
                layers.Add(new AlphaDropout<double>(0.9, new CounterMasks(clock, site++)));
            }
        }

        var random = new NumpyRandomState(12);
        var x = new Matrix<double>(width, examples);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = random.NextGaussian();
        }

        double[] y = new Sequential<double>(layers).Forward(x, Mode.Train).Data;
        Assert.InRange(NoiseStatistics.Mean(y), -0.1, 0.1);
        Assert.InRange(NoiseStatistics.Variance(y), 0.8, 1.2);
    }

    [Fact]
    public void LeCunNormalInitDrawsWeightsWithVarianceOneOverFanIn()
    {
        MlpNetwork<double> network = MlpNetwork<double>.Create([400, 300, 1], [1.0, 1.0], DropoutScaling.Inverted, seed: 3, threads: 1, initGain: 1.0);
        double[] w = network.DenseLayers.First().Weights.Value.Data;
        double se = NoiseStatistics.VarianceStandardError(w);
        Assert.InRange(NoiseStatistics.Variance(w), (1.0 / 400) - (5 * se), (1.0 / 400) + (5 * se));
        Assert.InRange(NoiseStatistics.Mean(w), -5 * Math.Sqrt(1.0 / 400 / w.Length), 5 * Math.Sqrt(1.0 / 400 / w.Length));
    }
}
