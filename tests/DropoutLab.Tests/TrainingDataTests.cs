using DropoutLab.Data;
using DropoutLab.Settings;

namespace DropoutLab.Tests;

public sealed class TrainingDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Csv(string name, params int[] labels) =>
        _folder.File(name, "a,b,label\n" + string.Concat(labels.Select((label, i) => $"{i},{i % 3},{label}\n")));

    [Fact]
    public void LabelsThatSkipAClassAreRefusedWithoutAClassCount()
    {
        string train = Csv("train.csv", 0, 1, 5, 0, 1, 5);
        string test = Csv("test.csv", 0, 1);
        var ex = Assert.Throws<SettingException>(() => TrainingData.Load(train, test));
        Assert.Equal(SettingNames.ClassCount, ex.Setting);
        Assert.Contains(train, ex.Message, StringComparison.Ordinal);
        Assert.Contains("skip 2, 3, 4 (found 0, 1, 5)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATestLabelAboveEveryTrainingLabelIsAGapToo()
    {
        string train = Csv("train.csv", 0, 1, 0, 1);
        string test = Csv("test.csv", 0, 3);
        var ex = Assert.Throws<SettingException>(() => TrainingData.Load(train, test));
        Assert.Equal(SettingNames.ClassCount, ex.Setting);
        Assert.Contains("skip 2, 3 (found 0, 1, and 3 in " + test + ")", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGivenClassCountAllowsGapsAndIsUsedForBothSets()
    {
        string train = Csv("train.csv", 0, 1, 5, 0);
        string test = Csv("test.csv", 0, 1);
        (LabeledData trainSet, LabeledData testSet) = TrainingData.Load(train, test, 7);
        Assert.Equal((7, 7), (trainSet.ClassCount, testSet.ClassCount));
        Assert.Equal([0, 1, 5, 0], trainSet.Labels);
    }

    [Fact]
    public void ContiguousLabelsNeedNoClassCount()
    {
        (LabeledData trainSet, LabeledData testSet) = TrainingData.Load(Csv("train.csv", 2, 0, 1, 0), Csv("test.csv", 0, 1));
        Assert.Equal((3, 3), (trainSet.ClassCount, testSet.ClassCount));
    }

    [Theory]
    [InlineData(5, "must be more than the largest label (5, in ")]
    [InlineData(1, "must be at least 2")]
    public void AClassCountMustExceedEveryLabel(int classCount, string requirement)
    {
        string train = Csv("train.csv", 0, 1, 5);
        var ex = Assert.Throws<SettingException>(() => TrainingData.Load(train, Csv("test.csv", 0, 1), classCount));
        Assert.Equal(SettingNames.ClassCount, ex.Setting);
        Assert.Contains(requirement, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleClassTrainingLabelsAreADataErrorNamingTheFile()
    {
        string train = Csv("train.csv", 0, 0, 0);
        var ex = Assert.Throws<DataFormatException>(() => TrainingData.Load(train, Csv("test.csv", 0, 1), 2));
        Assert.Equal($"{train}: all labels are 0; a classifier needs at least two classes.", ex.Message);
    }

    [Fact]
    public void ASingleClassTestSetIsAllowed()
    {
        (_, LabeledData test) = TrainingData.Load(Csv("train.csv", 0, 1), Csv("test.csv", 1, 1));
        Assert.Equal([1, 1], test.Labels);
    }

    [Theory]
    [InlineData(0, 10, MnistDataset.TrainImagesFile)]
    [InlineData(30, 0, MnistDataset.TestImagesFile)]
    public void AnEmptyIdxSplitIsADataErrorNamingItsImageFile(int trainCount, int testCount, string file)
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, trainCount, testCount);
        var ex = Assert.Throws<DataFormatException>(() => TrainingData.Load(_folder.Path, null));
        Assert.Equal($"{Path.Combine(_folder.Path, file)}: holds 0 images; a split needs at least one example.", ex.Message);
    }

    [Fact]
    public void AnEmptyIdxTestSplitCannotBeEvaluated()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, 30, 0);
        var ex = Assert.Throws<DataFormatException>(() => TrainingData.LoadEvaluation(_folder.Path));
        Assert.Contains("holds 0 images", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderRefusesASeparateTestFile()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, 30, 10);
        string test = Csv("test.csv", 0, 1);
        var ex = Assert.Throws<SettingException>(() => TrainingData.Load(_folder.Path, test));
        Assert.Equal(SettingNames.TestData, ex.Setting);
        Assert.Contains("holds its own test split", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderKeepsTenClassesUnlessAClassCountIsGiven()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, 30, 10);
        Assert.Equal(10, TrainingData.Load(_folder.Path, null).Train.ClassCount);
        Assert.Equal(3, TrainingData.Load(_folder.Path, null, 3).Test.ClassCount);
    }
}
