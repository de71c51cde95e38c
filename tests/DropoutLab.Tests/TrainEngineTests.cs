using DropoutLab.Data;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>End to end through the training engine (not the CLI): IDX folder → TrainingData → MlpTrainer.</summary>
public sealed class TrainEngineTests
{
    [Fact]
    public void Trains_on_an_mnist_format_folder_identically_on_one_and_two_threads()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, trainCount: 400, testCount: 150);
        (LabeledData train, LabeledData test) = TrainingData.Load(folder.Path, null);
        Assert.Equal((400, 150, 8), (train.Count, test.Count, train.FeatureCount));

        MlpSettings settings = SyntheticImages.Settings with { Epochs = 2, BatchSize = 16 };
        MlpResult<float> one = new MlpTrainer<float>(settings with { Threads = 1 }).Train(train, test);
        MlpResult<float> two = new MlpTrainer<float>(settings with { Threads = 2 }).Train(train, test);

        Assert.Equal(2, one.Epochs.Count);
        Assert.True(one.Test.Accuracy > 0.9, $"test accuracy {one.Test.Accuracy}");
        Assert.Equal(one.ParametersSha256, two.ParametersSha256);
        Assert.Equal(one.Test, two.Test with { Confusion = one.Test.Confusion });
        Assert.Equal(one.Test.Confusion, two.Test.Confusion);
    }
}
