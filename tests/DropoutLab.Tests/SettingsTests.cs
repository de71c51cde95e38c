using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Optimizers;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>Every settings record reports a bad value as a <see cref="SettingException"/> naming the setting.</summary>
public class SettingsTests
{
    [Fact]
    public void TheMessageNamesTheSettingTheRuleAndTheValueWithoutAParameterSuffix()
    {
        var ex = new SettingException(SettingNames.KeepProb, "must be in (0, 1]", "0");
        Assert.Equal("keepProb must be in (0, 1], but got 0.", ex.Message);
        Assert.Equal(SettingNames.KeepProb, ex.ParamName);
        Assert.Equal("testData is required.", new SettingException(SettingNames.TestData, "is required", null).Message);
    }

    [Theory]
    [InlineData(0.0, SettingNames.KeepProb)]
    [InlineData(1.0000001, SettingNames.KeepProb)]
    [InlineData(double.NaN, SettingNames.KeepProb)]
    public void CourseKeepProbOutsideZeroOneIsRejected(double keepProb, string setting) =>
        Assert.Equal(setting, Rejected(new CourseSettings { KeepProb = keepProb }.Validate).Setting);

    [Fact]
    public void CourseSettingsNameTheBadSetting()
    {
        new CourseSettings { KeepProb = 1.0, Lambd = 0 }.Validate();
        Assert.Equal(SettingNames.Iterations, Rejected(new CourseSettings { Iterations = 0 }.Validate).Setting);
        Assert.Equal(SettingNames.LearningRate, Rejected(new CourseSettings { LearningRate = double.NaN }.Validate).Setting);
        Assert.Equal(SettingNames.LearningRate, Rejected(new CourseSettings { LearningRate = double.PositiveInfinity }.Validate).Setting);
        Assert.Equal(SettingNames.Lambd, Rejected(new CourseSettings { Lambd = -1e-9 }.Validate).Setting);
        Assert.Equal(SettingNames.RecordEvery, Rejected(new CourseSettings { RecordEvery = 0 }.Validate).Setting);
    }

    [Fact]
    public void MlpSettingsNameTheBadSettingAndAcceptTheBoundaries()
    {
        var valid = new MlpSettings { Layers = [4, 3, 2], KeepProbs = [1, 0.5] };
        (valid with { Momentum = 0, MaxNorm = 0, Lambd = 0, Threads = 0 }).Validate();
        Assert.Equal(SettingNames.Layers, Rejected((valid with { Layers = [4], KeepProbs = [] }).Validate).Setting);
        Assert.Equal(SettingNames.Layers, Rejected((valid with { Layers = [4, 0, 2] }).Validate).Setting);
        Assert.Equal(SettingNames.Layers, Rejected((valid with { Layers = [4, 3, 1] }).Validate).Setting);
        Assert.Equal(SettingNames.KeepProbs, Rejected((valid with { KeepProbs = [0.5, 0] }).Validate).Setting);
        Assert.Equal(SettingNames.LearningRate, Rejected((valid with { LearningRate = 0 }).Validate).Setting);
        Assert.Equal(SettingNames.Momentum, Rejected((valid with { Momentum = 1 }).Validate).Setting);
        Assert.Equal(SettingNames.Momentum, Rejected((valid with { Momentum = -0.1 }).Validate).Setting);
        Assert.Equal(SettingNames.MaxNorm, Rejected((valid with { MaxNorm = -1 }).Validate).Setting);
        Assert.Equal(SettingNames.Lambd, Rejected((valid with { Lambd = double.PositiveInfinity }).Validate).Setting);
        Assert.Equal(SettingNames.InitGain, Rejected((valid with { InitGain = 0 }).Validate).Setting);
        Assert.Equal(SettingNames.BatchSize, Rejected((valid with { BatchSize = 0 }).Validate).Setting);
        Assert.Equal(SettingNames.Epochs, Rejected((valid with { Epochs = 0 }).Validate).Setting);
        Assert.Equal(SettingNames.Threads, Rejected((valid with { Threads = -1 }).Validate).Setting);
    }

    [Fact]
    public void AKeepProbsCountThatDoesNotMatchTheLayersNamesBoth()
    {
        SettingException ex = Rejected(new MlpSettings { Layers = [4, 3, 2], KeepProbs = [0.5] }.Validate);
        Assert.Equal(SettingNames.KeepProbs, ex.Setting);
        Assert.Equal(SettingNames.Layers, ex.RelatedSetting);
        Assert.Equal("0.5", ex.Value);
        Assert.Equal("keepProbs needs 2 values (the inputs, then each of the 1 hidden layer), but got 0.5.", ex.Message);
    }

    [Fact]
    public void OptimizersCheckTheirRatesWithTheSameRule()
    {
        Assert.Equal(SettingNames.LearningRate, Rejected(() => _ = new GradientDescent<double>(0)).Setting);
        Assert.Equal(SettingNames.LearningRate, Rejected(() => _ = new Momentum<float>(double.NaN, 0.9)).Setting);
        Assert.Equal(SettingNames.Momentum, Rejected(() => _ = new Momentum<float>(0.1, 1)).Setting);
        Assert.Equal(SettingNames.LearningRate, Rejected(() => _ = new Adam<float>(-1)).Setting);
        Assert.Equal(
            Rejected(new CourseSettings { LearningRate = -2 }.Validate).Requirement,
            Rejected(() => _ = new Adam<float>(-2)).Requirement);
    }

    [Fact]
    public void ABatchLargerThanTheTrainingSetNamesTheBatchSize()
    {
        LabeledData train = SyntheticImages.Labeled(30, 1);
        var trainer = new MlpTrainer<float>(SyntheticImages.Settings with { BatchSize = 31 });
        SettingException ex = Rejected(() => trainer.Train(train, train));
        Assert.Equal(SettingNames.BatchSize, ex.Setting);
        Assert.Equal("31", ex.Value);
        Assert.Contains("30", ex.Requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void ACsvTrainingFileWithoutATestFileNamesTheTestData()
    {
        using var folder = new TempFolder();
        string train = folder.File("train.csv", SyntheticImages.Csv(SyntheticImages.Labeled(10, 1), withLabel: true));
        SettingException ex = Rejected(() => TrainingData.Load(train, null));
        Assert.Equal(SettingNames.TestData, ex.Setting);
        Assert.Null(ex.Value);
        Assert.Contains(train, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryMessagesNeverNameACommandLineFlag()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 40, 10);
        (LabeledData train, LabeledData test) = TrainingData.Load(folder.Path, null);
        string gapped = folder.File("gapped.csv", "a,label\n1,0\n2,1\n3,5\n");
        string single = folder.File("single.csv", "a,label\n1,0\n2,0\n");
        Exception[] failures =
        [
            Rejected(new MlpSettings { Layers = [4, 3, 2], KeepProbs = [0.5] }.Validate),
            Rejected(() => new MlpTrainer<float>(SyntheticImages.Settings with { BatchSize = 41 }).Train(train, test)),
            Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(SyntheticImages.Settings with { Layers = [9, 16, 3] }).Train(train, test)),
            Assert.Throws<DataFormatException>(() => new MlpTrainer<float>(SyntheticImages.Settings with { Layers = [8, 16, 2] }).Train(train, test)),
            Rejected(() => TrainingData.Load(Path.Combine(folder.Path, MnistDataset.TrainImagesFile), null)),
            Rejected(() => TrainingData.Load(folder.Path, gapped)),
            Rejected(() => TrainingData.Load(gapped, gapped)),
            Rejected(() => TrainingData.Load(gapped, gapped, 5)),
            Assert.Throws<DataFormatException>(() => TrainingData.Load(single, single)),
        ];
        foreach (Exception failure in failures)
        {
            Assert.DoesNotContain("--", failure.Message, StringComparison.Ordinal);
        }
    }

    private static SettingException Rejected(Action validate) => Assert.Throws<SettingException>(validate);

    private static SettingException Rejected(Func<object> run) => Assert.Throws<SettingException>(run);
}
