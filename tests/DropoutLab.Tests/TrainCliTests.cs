using System.Text.Json;
using DropoutLab.Data;

namespace DropoutLab.Tests;

public class TrainCliTests
{
    private static string[] TinyTrain(string data, params string[] more) =>
        ["train", "--data", data, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--learning-rate", "0.01", .. more.Contains("--epochs") ? more : [.. more, "--epochs", "8"]];

    [Fact]
    public void TrainsOnAnIdxFolderSavesAModelAndIsIdenticalOnOneAndTwoThreads()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 300, 150);
        string model = Path.Combine(folder.Path, "tiny.dlm");
        CliRun one = CliRunner.Run(TinyTrain(folder.Path, "--threads", "1", "--json", "--save", model));
        CliRun two = CliRunner.Run(TinyTrain(folder.Path, "--threads", "2", "--json"));
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(0, two.ExitCode);
        using JsonDocument first = JsonDocument.Parse(one.Output), second = JsonDocument.Parse(two.Output);
        JsonElement root = first.RootElement;
        Assert.Equal(8, root.GetProperty("epochs").GetArrayLength());
        foreach (string field in new[] { "epoch", "trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "seconds" })
        {
            Assert.True(root.GetProperty("epochs")[0].TryGetProperty(field, out _), field);
        }

        Assert.True(root.GetProperty("testAccuracy").GetDouble() > 0.9);
        Assert.True(root.GetProperty("testLogLoss").GetDouble() < 0.5);
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("parametersSha256").GetString());
        Assert.Equal(root.GetProperty("parametersSha256").GetString(), second.RootElement.GetProperty("parametersSha256").GetString());

        CliRun evaluation = CliRunner.Run("evaluate", "--model", model, "--data", folder.Path, "--json");
        Assert.Equal(0, evaluation.ExitCode);
        using JsonDocument scored = JsonDocument.Parse(evaluation.Output);
        Assert.Equal(root.GetProperty("testAccuracy").GetDouble(), scored.RootElement.GetProperty("accuracy").GetDouble(), 12);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentParameters()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 200, 60);
        string Hash(string seed) => JsonDocument.Parse(CliRunner.Run(TinyTrain(folder.Path, "--seed", seed, "--epochs", "1", "--json")).Output)
            .RootElement.GetProperty("parametersSha256").GetString()!;
        Assert.NotEqual(Hash("1"), Hash("2"));
    }

    [Fact]
    public void WrongIdxMagicIsADataErrorAndLeavesNoModel()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 100, 30);
        string images = Path.Combine(folder.Path, MnistDataset.TrainImagesFile);
        byte[] bytes = File.ReadAllBytes(images);
        bytes[3] = 0x01;
        File.WriteAllBytes(images, bytes);
        string model = Path.Combine(folder.Path, "never.dlm");
        CliRun run = CliRunner.Run(TinyTrain(folder.Path, "--save", model));
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, MnistDataset.TrainImagesFile);
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void ImageAndLabelCountsThatDifferAreADataError()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 100, 30);
        using var other = new TempFolder();
        SyntheticImages.WriteMnistFolder(other.Path, 90, 30);
        File.Copy(Path.Combine(other.Path, MnistDataset.TrainLabelsFile), Path.Combine(folder.Path, MnistDataset.TrainLabelsFile), overwrite: true);
        CliRun run = CliRunner.Run(TinyTrain(folder.Path));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void LabelNotBelowTheClassCountIsADataError()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 100, 30);
        CliRun run = CliRunner.Run(["train", "--data", folder.Path, "--layers", "8,16,2", "--keep-probs", "1,1", "--batch-size", "20"]);
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, "label 2");
    }

    [Fact]
    public void InputWidthOtherThanTheFirstLayerIsADataError()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 100, 30);
        CliRun run = CliRunner.Run(["train", "--data", folder.Path, "--layers", "784,16,3", "--keep-probs", "1,1", "--batch-size", "20"]);
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, "784");
    }

    [Fact]
    public void NanInACsvIsADataErrorNamingFileAndLine()
    {
        using var folder = new TempFolder();
        string[] lines = SyntheticImages.Csv(SyntheticImages.Labeled(60, 1), withLabel: true).Split('\n');
        lines[3] = "NaN" + lines[3][lines[3].IndexOf(',', StringComparison.Ordinal)..];
        string train = folder.File("train.csv", string.Join('\n', lines));
        string test = folder.File("test.csv", SyntheticImages.Csv(SyntheticImages.Labeled(30, 2), withLabel: true));
        string model = Path.Combine(folder.Path, "m.dlm");
        CliRun run = CliRunner.Run(TinyTrain(train, "--test", test, "--save", model));
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, train);
        Assert.Contains(":4:", run.Error, StringComparison.Ordinal);
        Assert.Contains("NaN", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData(new[] { "--keep-probs", "0.5" }, "--keep-probs")]
    [InlineData(new[] { "--keep-probs", "0.5,1.5" }, "1.5")]
    [InlineData(new[] { "--layers", "8,x,3" }, "--layers")]
    [InlineData(new[] { "--batch-size", "0" }, "--batch-size")]
    [InlineData(new[] { "--optimizer", "rmsprop" }, "rmsprop")]
    [InlineData(new[] { "--learning-rate", "-1" }, "--learning-rate")]
    [InlineData(new[] { "--momentum", "1" }, "--momentum")]
    [InlineData(new[] { "--precision", "float16" }, "float16")]
    public void UsageErrorsExitTwo(string[] flags, string named)
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 60, 20);
        string[] args = ["train", "--data", folder.Path, "--layers", "8,16,3", .. flags];
        if (flags[0] == "--layers")
        {
            args = ["train", "--data", folder.Path, .. flags];
        }

        CliRun run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run.Error, named);
    }

    [Fact]
    public void CsvTrainingDataNeedsATestFile()
    {
        using var folder = new TempFolder();
        string train = folder.File("train.csv", SyntheticImages.Csv(SyntheticImages.Labeled(60, 1), withLabel: true));
        CliRun run = CliRunner.Run(["train", "--data", train]);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run.Error, "--test");
    }

    private static void AssertOneLine(string error, string named)
    {
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
