using System.Globalization;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Settings;
using DropoutLab.Training;
using Xunit.Abstractions;

namespace DropoutLab.Tests;

// Dimension key: widths 8 → 16 → 16 → 3 (two hidden layers), 300 training and 150 test examples.

/// <summary>
/// <see cref="MlpSettings.BatchNorm"/>: where the layers go, that a short run with either placement lowers the loss,
/// that the default builds the network as before, and that the formats which cannot store the layer refuse it.
/// </summary>
public class MlpBatchNormTests(ITestOutputHelper output)
{
    private static readonly MlpSettings Settings = SyntheticImages.Settings with
    {
        Layers = [SyntheticImages.Features, 16, 16, SyntheticImages.Classes],
        KeepProbs = [0.9, 0.8, 0.8],
        Epochs = 4,
    };

    public static TheoryData<BatchNormPlacement> Placements => [BatchNormPlacement.BeforeDropout, BatchNormPlacement.AfterDropout];

    [Theory]
    [InlineData(BatchNormPlacement.None, "Dropout Dense ReluDropout Dense ReluDropout Dense")]
    [InlineData(BatchNormPlacement.BeforeDropout, "Dropout Dense BatchNorm ReluDropout Dense BatchNorm ReluDropout Dense")]
    [InlineData(BatchNormPlacement.AfterDropout, "Dropout Dense ReluDropout BatchNorm Dense ReluDropout BatchNorm Dense")]
    public void EachPlacementPutsOneBatchNormInEveryHiddenLayer(BatchNormPlacement placement, string layers)
    {
        MlpNetwork<double> model = MlpNetwork<double>.Create(Settings.Layers, Settings.KeepProbs, Settings.Scaling, 3, threads: 1, batchNorm: placement);
        Assert.Equal(placement, model.BatchNorm);
        Assert.Equal(layers, string.Join(' ', model.Network.Layers.Select(layer => layer.GetType().Name.Split('`')[0])));
        string[] names = [.. model.Network.Parameters.Select(p => p.Name)];
        Assert.Equal(
            placement == BatchNormPlacement.None
                ? ["W1", "b1", "W2", "b2", "W3", "b3"]
                : ["W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"],
            names);
        Assert.All(model.Network.Layers.OfType<BatchNorm<double>>(), norm => Assert.Equal(16, norm.Features));
    }

    [Fact]
    public void TheDefaultBuildsTheSameNetworkBitForBit()
    {
        MlpNetwork<float> before = MlpNetwork<float>.Create(Settings.Layers, Settings.KeepProbs, Settings.Scaling, 3, threads: 1);
        MlpNetwork<float> none = MlpNetwork<float>.Create(Settings.Layers, Settings.KeepProbs, Settings.Scaling, 3, threads: 1, batchNorm: BatchNormPlacement.None);
        Assert.Equal(BatchNormPlacement.None, new MlpSettings().BatchNorm);
        Assert.Equal(ParameterHash.Sha256(before.Network.Parameters), ParameterHash.Sha256(none.Network.Parameters));
        Assert.Equal(
            before.Network.Layers.Select(layer => layer.GetType()),
            none.Network.Layers.Select(layer => layer.GetType()));
    }

    [Theory]
    [MemberData(nameof(Placements))]
    public void AShortRunWithBatchNormLowersTheLoss(BatchNormPlacement placement)
    {
        LabeledData train = SyntheticImages.Labeled(300, 1), test = SyntheticImages.Labeled(150, 2);
        MlpResult<double> result = new MlpTrainer<double>(Settings with { BatchNorm = placement }).Train(train, test);

        IReadOnlyList<EpochReport> epochs = result.Epochs;
        Assert.Equal(4, epochs.Count);
        Assert.True(epochs[^1].TrainLoss < 0.8 * epochs[0].TrainLoss, $"training loss {epochs[0].TrainLoss} → {epochs[^1].TrainLoss}");
        Assert.True(epochs[^1].TestLoss < epochs[0].TestLoss, $"test loss {epochs[0].TestLoss} → {epochs[^1].TestLoss}");
        Assert.True(result.Test.Accuracy > 0.9, $"test accuracy {result.Test.Accuracy}");

        // Training moved the running statistics and γ off their starting values, and evaluation used them.
        BatchNorm<double>[] norms = [.. result.Model.Network.Layers.OfType<BatchNorm<double>>()];
        Assert.Equal(2, norms.Length);
        Assert.All(norms, norm => Assert.Contains(norm.RunningMean, v => Math.Abs(v) > 1e-3));
        Assert.All(norms, norm => Assert.Contains(norm.Gamma.Value.Data, v => v != 1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{placement}: training loss {epochs[0].TrainLoss:F4} → {epochs[^1].TrainLoss:F4}, test loss {epochs[0].TestLoss:F4} → {epochs[^1].TestLoss:F4}, accuracy {result.Test.Accuracy:F3}"));
    }

    [Fact]
    public void BatchNormNeedsTwoExamplesPerBatchAndIsNotCheckpointedYet()
    {
        SettingException batch = Assert.Throws<SettingException>(() => (Settings with { BatchSize = 1, BatchNorm = BatchNormPlacement.AfterDropout }).Validate());
        Assert.Equal(SettingNames.BatchSize, batch.Setting);
        Assert.Equal("1", batch.Value);
        (Settings with { BatchSize = 1 }).Validate();
        Assert.Equal(SettingNames.BatchNorm, Assert.Throws<SettingException>(() => (Settings with { BatchNorm = (BatchNormPlacement)7 }).Validate()).Setting);

        string path = Path.Combine(Path.GetTempPath(), $"dropoutlab-bn-{Guid.NewGuid():N}.model");

        LabeledData train = SyntheticImages.Labeled(300, 1), test = SyntheticImages.Labeled(150, 2);
        var options = new TrainingOptions { CheckpointEvery = 1, CheckpointPath = path };
        Assert.Throws<NotSupportedException>(() => new MlpTrainer<float>(Settings with { BatchNorm = BatchNormPlacement.BeforeDropout }).Train(train, test, options));
        Assert.False(File.Exists(path));
    }
}
