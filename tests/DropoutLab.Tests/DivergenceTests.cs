using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;
using DropoutLab.Training;

namespace DropoutLab.Tests;

public class DivergenceTests
{
    [Fact]
    public void FiniteCheckFindsNanAndBothInfinitiesAnywhereAndDoesNotOverflow()
    {
        double[] values = [1e308, 1e308, -1e308, 3, 0, -0.0, double.Epsilon, 7];
        Assert.True(FiniteCheck.AllFinite<double>(values));
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            for (int i = 0; i < values.Length; i++)
            {
                double[] copy = [.. values];
                copy[i] = bad;
                Assert.False(FiniteCheck.AllFinite<double>(copy), $"{bad} at {i}");
                Assert.Equal(bad, FiniteCheck.FirstNonFinite<double>(copy));
            }
        }

        Assert.False(FiniteCheck.AllFinite<float>([1f, float.PositiveInfinity]));
        Assert.True(FiniteCheck.AllFinite<float>([]));
    }

    [Fact]
    public void MiniBatchTrainingWithAHugeLearningRateStopsAtTheFirstNonFiniteLossNamingEpochAndStep()
    {
        MlpSettings settings = SyntheticImages.Settings with { LearningRate = 1e300, Epochs = 3 };
        var trainer = new MlpTrainer<double>(settings);
        var progress = new List<TrainingProgress>();
        var diverged = Assert.Throws<TrainingDivergedException>(() => trainer.Train(SyntheticImages.Labeled(300, 1), SyntheticImages.Labeled(60, 2), progress.Add));
        Assert.Equal(DivergedQuantity.Loss, diverged.Quantity);
        Assert.True(double.IsNaN(diverged.Value));
        Assert.Equal(1e300, diverged.LearningRate);
        Assert.Equal(1, diverged.Epoch);
        Assert.True(diverged.StepInEpoch > 1, "the first step's loss, before any update, is finite");
        Assert.False(diverged.BeforeAnyUpdate);

        // Training stopped at that step: every step before it reported progress, none after it.
        Assert.Equal(diverged.StepInEpoch - 1, progress.Count);
        Assert.All(progress, p => Assert.True(double.IsFinite(p.MeanLoss)));
        Assert.Equal($"training diverged at epoch 1, step {diverged.StepInEpoch}: loss is NaN.", diverged.Message);
    }

    [Fact]
    public void TheCourseWithAHugeLearningRateStopsNamingTheIteration()
    {
        var settings = new CourseSettings { LearningRate = 1e300, Iterations = 2000 };
        var diverged = Assert.Throws<TrainingDivergedException>(() => CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test()));
        Assert.Equal(0, diverged.Epoch);
        Assert.InRange(diverged.Step, 2, 2000);
        Assert.StartsWith($"training diverged at iteration {diverged.Step - 1}: ", diverged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonFiniteParameterIsFoundByTheParameterCheckWithItsName()
    {
        MlpNetwork<double> model = MlpNetwork<double>.Create([4, 5, 2], [1, 1], DropoutScaling.Inverted, seed: 1, threads: 1);
        var trainer = new Trainer<double>(model.Network, new SoftmaxHead<double>(), new GradientDescent<double>(0.1));
        var x = new Matrix<double>(4, 3);
        x.Data.AsSpan().Fill(0.5);
        trainer.Step(x, [0, 1, 0]);
        trainer.CheckParameters();

        Dense<double> second = model.DenseLayers.Last();
        second.Bias.Value.Data[1] = double.NegativeInfinity;
        var diverged = Assert.Throws<TrainingDivergedException>(trainer.CheckParameters);
        Assert.Equal(DivergedQuantity.Parameter, diverged.Quantity);
        Assert.Equal(second.Bias.Name, diverged.Parameter);
        Assert.Equal(double.NegativeInfinity, diverged.Value);
        Assert.Equal(1, diverged.Step);
        Assert.Equal($"training diverged at iteration 0: parameter {second.Bias.Name} is -Infinity.", diverged.Message);
    }

    [Fact]
    public void AParameterThatBecomesNonFiniteIsCaughtWithinTheCheckInterval()
    {
        MlpNetwork<double> model = MlpNetwork<double>.Create([4, 5, 2], [1, 1], DropoutScaling.Inverted, seed: 1, threads: 1);
        var trainer = new Trainer<double>(model.Network, new SoftmaxHead<double>(), new GradientDescent<double>(0.1));
        var x = new Matrix<double>(4, 3);
        x.Data.AsSpan().Fill(0.5);
        trainer.Step(x, [0, 1, 0]);

        // Whether the NaN weight reaches P (the loss check) or not (the parameter check), training stops within one
        // check interval.
        Dense<double> first = model.DenseLayers.First();
        first.Weights.Value.Data[0] = double.NaN;
        var diverged = Assert.ThrowsAny<TrainingDivergedException>(() =>
        {
            for (int i = 0; i < 10 * Trainer<double>.ParameterCheckInterval; i++)
            {
                trainer.Step(x, [0, 1, 0]);
            }
        });
        Assert.InRange(trainer.Steps, 1, Trainer<double>.ParameterCheckInterval);
        Assert.True(double.IsNaN(diverged.Value));
    }

    [Fact]
    public void AFirstStepWithNonFiniteInputsIsReportedAsBeforeAnyUpdate()
    {
        MlpNetwork<double> model = MlpNetwork<double>.Create([4, 5, 2], [1, 1], DropoutScaling.Inverted, seed: 1, threads: 1);
        var trainer = new Trainer<double>(model.Network, new SoftmaxHead<double>(), new GradientDescent<double>(0.1));
        var x = new Matrix<double>(4, 3);
        x.Data.AsSpan().Fill(double.PositiveInfinity);
        var diverged = Assert.Throws<TrainingDivergedException>(() => trainer.Step(x, [0, 1, 0]));
        Assert.True(diverged.BeforeAnyUpdate);
        Assert.Equal(0, trainer.Steps);
    }
}
