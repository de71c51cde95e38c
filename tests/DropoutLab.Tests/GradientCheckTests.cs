using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>Central finite differences of J(θ) against back-propagation, with the dropout mask held fixed.</summary>
[Trait("Category", "Fast")]
public class GradientCheckTests
{
    [Theory]
    [InlineData(DropoutScaling.Inverted, 0.0)]
    [InlineData(DropoutScaling.Inverted, 0.7)]
    [InlineData(DropoutScaling.AtInference, 0.0)]
    [InlineData(DropoutScaling.AtInference, 0.7)]
    [InlineData(DropoutScaling.None, 0.0)]
    [InlineData(DropoutScaling.None, 0.7)]
    public void CourseNetworkGradientsMatchFiniteDifferences(DropoutScaling scaling, double lambd)
    {
        Dataset train = FootballData.Train();
        var settings = new CourseSettings { KeepProb = 0.7, Scaling = scaling, Lambd = lambd };
        Sequential<double> network = CourseNetwork.Build(2, settings, new NumpyRandomState(3));
        CheckGradients(network, train.FeaturesAs<double>(), train.LabelRow<double>(), lambd);
    }

    [Fact]
    public void TanhAndSigmoidLayersGradientsMatchFiniteDifferences()
    {
        var random = new NumpyRandomState(7);
        Matrix<double> Weights(int rows, int columns)
        {
            var w = new Matrix<double>(rows, columns);
            for (int i = 0; i < w.Data.Length; i++)
            {
                w.Data[i] = random.NextGaussian() * 0.8;
            }

            return w;
        }

        var network = new Sequential<double>(
        [
            new Dense<double>(Weights(5, 3), "1"), new Tanh<double>(), new Dropout<double>(0.8, DropoutScaling.Inverted, new NumpyStreamMasks(random)),
            new Dense<double>(Weights(4, 5), "2"), new Sigmoid<double>(),
            new Dense<double>(Weights(1, 4), "3"),
        ]);
        var x = new Matrix<double>(3, 17);
        var y = new Matrix<double>(1, 17);
        for (int j = 0; j < 17; j++)
        {
            for (int f = 0; f < 3; f++)
            {
                x[f, j] = random.NextGaussian();
            }

            y[0, j] = random.NextDouble() < 0.5 ? 0 : 1;
        }

        CheckGradients(network, x, y, lambd: 0.3);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.5)]
    public void SeluAlphaAndGaussianDropoutGradientsMatchFiniteDifferences(double keepProb)
    {
        var random = new NumpyRandomState(11);
        Matrix<double> Weights(int rows, int columns)
        {
            var w = new Matrix<double>(rows, columns);
            for (int i = 0; i < w.Data.Length; i++)
            {
                w.Data[i] = random.NextGaussian() / Math.Sqrt(columns);
            }

            return w;
        }

        var clock = new MaskClock(5) { Step = 2 };
        var network = new Sequential<double>(
        [
            new GaussianDropout<double>(keepProb, new CounterMasks(clock, 0)),
            new Dense<double>(Weights(6, 3), "1"), new Selu<double>(), new AlphaDropout<double>(keepProb, new CounterMasks(clock, 1)),
            new Dense<double>(Weights(5, 6), "2"), new Selu<double>(), new GaussianDropout<double>(keepProb, new CounterMasks(clock, 2)),
            new Dense<double>(Weights(1, 5), "3"),
        ]);
        var x = new Matrix<double>(3, 19);
        var y = new Matrix<double>(1, 19);
        for (int j = 0; j < 19; j++)
        {
            for (int f = 0; f < 3; f++)
            {
                x[f, j] = random.NextGaussian();
            }

            y[0, j] = random.NextDouble() < 0.5 ? 0 : 1;
        }

        CheckGradients(network, x, y, lambd: 0.1);
    }

    private static void CheckGradients(Sequential<double> network, Matrix<double> x, Matrix<double> y, double lambd)
    {
        int m = x.Columns;
        var loss = new SigmoidCrossEntropy<double>();
        var probabilities = new Matrix<double>(1, m);
        var logitGradient = new Matrix<double>(1, m);

        // One pass draws the masks; later passes reuse them so J is a fixed function of θ.
        network.Forward(x, Mode.Train);
        foreach (DropoutLayer<double> dropout in network.DropoutLayers)
        {
            dropout.ReuseMask = true;
        }

        double Cost()
        {
            SigmoidCrossEntropy<double>.Probabilities(network.Forward(x, Mode.Train), probabilities);
            double cost = loss.Cost(probabilities.Data, y.Data);
            return lambd > 0 ? cost + L2Penalty.Cost(network.Parameters, lambd, m) : cost;
        }

        Cost();
        SigmoidCrossEntropy<double>.Gradient(probabilities.Data, y.Data, logitGradient.Data);
        network.Backward(logitGradient);
        if (lambd > 0)
        {
            L2Penalty.AddGradient(network.Parameters, lambd, m);
        }

        const double h = 1e-5;
        int checkedCount = 0;
        foreach (Parameter<double> parameter in network.Parameters)
        {
            double[] analytic = parameter.Gradient.Data.ToArray();
            for (int i = 0; i < parameter.Value.Data.Length; i++)
            {
                double saved = parameter.Value.Data[i];
                parameter.Value.Data[i] = saved + h;
                double plus = Cost();
                parameter.Value.Data[i] = saved - h;
                double minus = Cost();
                parameter.Value.Data[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                // |a − n| / max(|a|, |n|), floored at 1e-4: the cost's rounding noise over 2h is ≈ 1e-11, so smaller
                // gradients are held to an absolute 1e-10.
                double error = Math.Abs(numeric - analytic[i]) / Math.Max(1e-4, Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])));
                Assert.True(error < 1e-6, $"{parameter.Name}[{i}]: analytic {analytic[i]:R}, numeric {numeric:R}, relative error {error:E2}");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 0);
    }
}
