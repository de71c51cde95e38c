using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Training;

namespace DropoutLab.Tests;

public class TrainingCheckpointTests
{
    private static readonly LabeledData Train = SyntheticImages.Labeled(200, 1);
    private static readonly LabeledData Test = SyntheticImages.Labeled(60, 2);

    private static MlpSettings Settings(OptimizerKind optimizer) => SyntheticImages.Settings with { Epochs = 4, Optimizer = optimizer, Threads = 1 };

    // Trains with checkpoints every two epochs, stops during epoch 3 (after the epoch-2 checkpoint), then resumes.
    private static (MlpResult<T> Resumed, TrainingInterruptedException Stop) InterruptAndResume<T>(MlpSettings settings, string checkpoint, int resumeThreads = 1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var stop = new CancellationTokenSource();
        var first = new TrainingOptions
        {
            Progress = p =>
            {
                if (p.Epoch == 2 && p.Step == p.StepsPerEpoch)
                {
                    stop.Cancel();
                }
            },
            Cancellation = stop.Token,
            CheckpointEvery = 2,
            CheckpointPath = checkpoint,
        };
        var interrupted = Assert.Throws<TrainingInterruptedException>(() => new MlpTrainer<T>(settings).Train(Train, Test, first));
        MlpResult<T> resumed = new MlpTrainer<T>(settings with { Threads = resumeThreads }).Train(Train, Test, new TrainingOptions { ResumeFrom = checkpoint });
        return (resumed, interrupted);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Sgd)]
    public void ResumingAfterTwoOfFourEpochsGivesTheParametersOfTheStraightRun_Float32(OptimizerKind optimizer) => ResumeMatches<float>(optimizer);

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Momentum)]
    public void ResumingAfterTwoOfFourEpochsGivesTheParametersOfTheStraightRun_Float64(OptimizerKind optimizer) => ResumeMatches<double>(optimizer);

    private static void ResumeMatches<T>(OptimizerKind optimizer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var folder = new TempFolder();
        MlpSettings settings = Settings(optimizer);
        MlpResult<T> straight = new MlpTrainer<T>(settings).Train(Train, Test);
        (MlpResult<T> resumed, TrainingInterruptedException stop) = InterruptAndResume<T>(settings, Path.Combine(folder.Path, "run.checkpoint"), resumeThreads: 2);

        Assert.Equal(3, stop.Epoch);
        Assert.Equal(4, stop.Epochs);
        Assert.Equal(2, stop.CheckpointEpoch);
        Assert.Equal("interrupted at epoch 3 of 4", stop.Message);
        Assert.Equal(straight.ParametersSha256, resumed.ParametersSha256);
        Assert.Equal(straight.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.TestLoss)), resumed.Epochs.Select(e => (e.Epoch, e.TrainLoss, e.TestLoss)));
        Assert.Equal(straight.Test.LogLoss, resumed.Test.LogLoss);
    }

    [Fact]
    public void TheCheckpointIsNotTheRunsFirstStateAndStaysWithoutTemporaryFiles()
    {
        using var folder = new TempFolder();
        string checkpoint = Path.Combine(folder.Path, "run.checkpoint");
        MlpSettings settings = Settings(OptimizerKind.Adam);
        InterruptAndResume<float>(settings, checkpoint);

        // Resuming from a fresh run's state would give other parameters: the checkpoint really carries epoch-2 state.
        MlpResult<float> twoEpochs = new MlpTrainer<float>(settings with { Epochs = 2 }).Train(Train, Test);
        MlpResult<float> straight = new MlpTrainer<float>(settings).Train(Train, Test);
        Assert.NotEqual(twoEpochs.ParametersSha256, straight.ParametersSha256);
        Assert.Equal([checkpoint], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void AResumeWithOtherSettingsOrPrecisionIsRefusedNamingTheDifference()
    {
        using var folder = new TempFolder();
        string checkpoint = Path.Combine(folder.Path, "run.checkpoint");
        MlpSettings settings = Settings(OptimizerKind.Adam);
        InterruptAndResume<float>(settings, checkpoint);
        var resume = new TrainingOptions { ResumeFrom = checkpoint };

        var seed = Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(settings with { Seed = 4 }).Train(Train, Test, resume));
        Assert.Contains("seed 3, but this run has 4", seed.Message, StringComparison.Ordinal);
        Assert.Equal(checkpoint, seed.FilePath);

        var layers = Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(settings with { Layers = [8, 12, 3] }).Train(Train, Test, resume));
        Assert.Contains("layers 8,16,3, but this run has 8,12,3", layers.Message, StringComparison.Ordinal);

        var keeps = Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(settings with { KeepProbs = [0.9, 0.5] }).Train(Train, Test, resume));
        Assert.Contains("keep probabilities 0.9,0.8, but this run has 0.9,0.5", keeps.Message, StringComparison.Ordinal);

        var optimizer = Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(settings with { Optimizer = OptimizerKind.Momentum }).Train(Train, Test, resume));
        Assert.Contains("optimizer Adam, but this run has Momentum", optimizer.Message, StringComparison.Ordinal);

        var shape = Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(settings).Train(SyntheticImages.Labeled(180, 1), Test, resume));
        Assert.Contains("200 × 8 × 3, but this run has 180 × 8 × 3", shape.Message, StringComparison.Ordinal);

        var precision = Assert.Throws<DataFormatException>(() => new MlpTrainer<double>(settings).Train(Train, Test, resume));
        Assert.Contains("float32, but this run has float64", precision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedCheckpointIsRefused()
    {
        using var folder = new TempFolder();
        string checkpoint = Path.Combine(folder.Path, "run.checkpoint");
        MlpSettings settings = Settings(OptimizerKind.Adam);
        InterruptAndResume<float>(settings, checkpoint);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(checkpoint, bytes);

        var damaged = Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(settings).Train(Train, Test, new TrainingOptions { ResumeFrom = checkpoint }));
        Assert.Contains("checksum", damaged.Message, StringComparison.Ordinal);
        File.WriteAllBytes(checkpoint, bytes[..100]);
        Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(settings).Train(Train, Test, new TrainingOptions { ResumeFrom = checkpoint }));
    }
}
