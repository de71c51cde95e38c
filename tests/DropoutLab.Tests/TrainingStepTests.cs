using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class TrainingStepTests
{
    private static MlpSettings Settings(int threads) => new()
    {
        Layers = [8, 16, 3],
        KeepProbs = [0.8, 0.5],
        Optimizer = OptimizerKind.Momentum,
        LearningRate = 0.05,
        Momentum = 0.9,
        BatchSize = 12,
        Seed = 7,
        Threads = threads,
    };

    private static (Matrix<float> X, int[] Labels) Batch()
    {
        var random = new NumpyRandomState(3);
        var x = new Matrix<float>(8, 12);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = (float)random.NextDouble();
        }

        int[] labels = [.. Enumerable.Range(0, 12).Select(j => j % 3)];
        return (x, labels);
    }

    private static (double[] Losses, float[] Weights) Train(int threads, int steps)
    {
        MlpSettings settings = Settings(threads);
        MlpNetwork<float> model = MlpNetwork<float>.Create(settings.Layers, settings.KeepProbs, settings.Scaling, settings.Seed, settings.Threads);
        var step = new TrainingStep<float>(model, settings, settings.BatchSize);
        (Matrix<float> x, int[] labels) = Batch();
        double[] losses = [.. Enumerable.Range(0, steps).Select(_ => step.Run(x, labels).SumLoss / settings.BatchSize)];
        Assert.Equal((ulong)steps, model.Clock.Step);
        return (losses, [.. model.Network.Parameters.SelectMany(p => p.Value.Data)]);
    }

    [Fact]
    public void RepeatedStepsOnOneBatchLowerItsLoss()
    {
        (double[] losses, _) = Train(threads: 1, steps: 60);
        Assert.True(losses[^5..].Average() < losses[..5].Average(), $"loss went from {losses[0]} to {losses[^1]}");
    }

    [Fact]
    public void StepsAreBitIdenticalOnAnyThreadCount()
    {
        (double[] one, float[] w1) = Train(threads: 1, steps: 5);
        (double[] two, float[] w2) = Train(threads: 2, steps: 5);
        Assert.Equal(one, two);
        Assert.Equal(w1, w2);
    }

    [Fact]
    public void WrongBatchShapeIsRejected()
    {
        MlpSettings settings = Settings(1);
        MlpNetwork<float> model = MlpNetwork<float>.Create(settings.Layers, settings.KeepProbs, settings.Scaling, settings.Seed, 1);
        var step = new TrainingStep<float>(model, settings, settings.BatchSize);
        Assert.Throws<ArgumentException>(() => step.Run(new Matrix<float>(8, 11), new int[11]));
    }
}
