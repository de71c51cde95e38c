using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>Faults in the data and paths given to the tool: each is one line on stderr and exit 1 (data) or 2 (usage).</summary>
public sealed class BadInputCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string LabeledCsv(string name, int count, uint seed) =>
        _folder.File(name, SyntheticImages.Csv(SyntheticImages.Labeled(count, seed), withLabel: true));

    private string TwoFeatureCsv(string name, params int[] labels) =>
        _folder.File(name, "a,b,label\n" + string.Concat(labels.Select((label, i) => $"{i * 0.1},{(i % 3) - 1},{label}\n")));

    private static string[] TinyTrain(params string[] more) =>
        ["train", "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--epochs", "1", .. more];

    private static string OneLine(CliRun run, int exitCode)
    {
        Assert.Equal(exitCode, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        return lines[0];
    }

    [Fact]
    public void TrainOnAFolderWithoutTrainingImagesIsADataErrorNamingTheFile()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, 0, 10);
        string line = OneLine(CliRunner.Run(TinyTrain("--data", _folder.Path)), 1);
        Assert.Contains(Path.Combine(_folder.Path, "train-images-idx3-ubyte"), line, StringComparison.Ordinal);
        Assert.Contains("holds 0 images", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainOnAFolderWithoutTestImagesIsADataErrorNamingTheFile()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, 40, 0);
        string line = OneLine(CliRunner.Run(TinyTrain("--data", _folder.Path)), 1);
        Assert.Contains(Path.Combine(_folder.Path, "t10k-images-idx3-ubyte"), line, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainWithATestFileBesideAFolderIsAUsageError()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, 40, 10);
        string test = LabeledCsv("test.csv", 10, 2);
        string line = OneLine(CliRunner.Run(TinyTrain("--data", _folder.Path, "--test", test)), 2);
        Assert.StartsWith("dropout-lab: error: --test must not be given", line, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleClassCsvIsADataErrorNamingTheFile()
    {
        string train = _folder.File("train.csv", "a,b,label\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i},{i % 7},0\n")));
        string line = OneLine(CliRunner.Run("train", "--data", train, "--test", train, "--batch-size", "10"), 1);
        Assert.Equal($"dropout-lab: error: {train}: all labels are 0; a classifier needs at least two classes.", line);
    }

    [Fact]
    public void LabelGapsNeedClassesAndTrainWithIt()
    {
        int[] labels = [.. Enumerable.Range(0, 40).Select(i => new[] { 0, 1, 5 }[i % 3])];
        string train = TwoFeatureCsv("train.csv", labels);
        string[] args = ["train", "--data", train, "--test", train, "--layers", "2,4,6", "--keep-probs", "1,1", "--batch-size", "10", "--epochs", "1"];

        string line = OneLine(CliRunner.Run(args), 2);
        Assert.StartsWith("dropout-lab: error: --classes is required because the training labels of " + train, line, StringComparison.Ordinal);
        Assert.Contains("skip 2, 3, 4", line, StringComparison.Ordinal);

        CliRun run = CliRunner.Run([.. args, "--classes", "6"]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("test accuracy", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassesBelowTheLargestLabelIsAUsageError()
    {
        string train = TwoFeatureCsv("train.csv", [.. Enumerable.Range(0, 40).Select(i => i % 3)]);
        string line = OneLine(CliRunner.Run("train", "--data", train, "--test", train, "--classes", "2", "--batch-size", "10"), 2);
        Assert.Contains("--classes must be more than the largest label (2, in " + train + "), but got 2.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ABatchLargerThanTheTrainingSetNamesBatchSize()
    {
        string train = LabeledCsv("train.csv", 60, 1);
        string line = OneLine(CliRunner.Run("train", "--data", train, "--test", train), 2);
        Assert.Equal("dropout-lab: error: --batch-size must be at most the number of training examples (60), but got 128.", line);
    }

    [Fact]
    public void AHeaderlessCsvIsRefused()
    {
        string csv = SyntheticImages.Csv(SyntheticImages.Labeled(60, 1), withLabel: true);
        string train = _folder.File("train.csv", csv[(csv.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        string line = OneLine(CliRunner.Run(TinyTrain("--data", train, "--test", train)), 1);
        Assert.StartsWith($"dropout-lab: error: {train}:1: the first row must name the columns", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"0,5\"", "column 2: ", "quoted cells are not supported")]
    [InlineData("1\u00000", "column 2: ", "U+0000")]
    [InlineData("1,000", "found 4", "a comma inside a number")]
    public void BadCellsNameFileLineAndColumn(string cell, string where, string what)
    {
        string train = _folder.File("train.csv", $"a,b,label\n0.1,0.2,0\n0.3,{cell},1\n");
        string test = TwoFeatureCsv("test.csv", 0, 1);
        string line = OneLine(CliRunner.Run("course", "--train", train, "--test", test, "--iterations", "2"), 1);
        Assert.StartsWith($"dropout-lab: error: {train}:3: ", line, StringComparison.Ordinal);
        Assert.Contains(where, line, StringComparison.Ordinal);
        Assert.Contains(what, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--test")]
    [InlineData("--data")]
    public void TrainNamesADirectoryGivenAsACsv(string flag)
    {
        string csv = LabeledCsv("train.csv", 60, 1);
        string dir = Directory.CreateDirectory(Path.Combine(_folder.Path, "adir")).FullName;
        string[] args = flag == "--test" ? TinyTrain("--data", csv, "--test", dir) : ["study", "--data", dir, "--test", csv, "--iterations", "2"];
        string line = OneLine(CliRunner.Run(args), 1);
        Assert.Equal($"dropout-lab: error: {dir}: is a directory; expected a CSV file.", line);
    }

    [Fact]
    public void EvaluateAndPredictNameADirectoryGivenAsAFile()
    {
        string dir = Directory.CreateDirectory(Path.Combine(_folder.Path, "adir")).FullName;
        string model = Path.Combine(_folder.Path, "m.dlm");
        ModelFile.Save(SyntheticImages.FloatModel, model);
        string input = _folder.File("in.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: false));

        string line = OneLine(CliRunner.Run("evaluate", "--model", dir, "--data", input), 1);
        Assert.Equal($"dropout-lab: error: {dir}: is a directory; expected a DropoutLab model file.", line);
        line = OneLine(CliRunner.Run("predict", "--model", model, "--input", dir, "--output", Path.Combine(_folder.Path, "out.csv")), 1);
        Assert.Equal($"dropout-lab: error: {dir}: is a directory; expected a CSV file.", line);
        line = OneLine(CliRunner.Run("course", "--train", dir, "--test", input, "--iterations", "2"), 1);
        Assert.Contains($"{dir}: is a directory", line, StringComparison.Ordinal);
    }

    [Fact]
    public void CourseTrainWithoutTestIsAUsageError()
    {
        string train = TwoFeatureCsv("train.csv", 0, 1, 0, 1);
        string line = OneLine(CliRunner.Run("course", "--train", train, "--iterations", "2"), 2);
        Assert.StartsWith("dropout-lab: error: --train needs --test", line, StringComparison.Ordinal);
    }

    [Fact]
    public void CourseTestWithoutTrainIsAUsageError()
    {
        string test = TwoFeatureCsv("test.csv", 0, 1, 0, 1);
        string line = OneLine(CliRunner.Run("course", "--test", test, "--iterations", "2"), 2);
        Assert.StartsWith("dropout-lab: error: --test needs --train", line, StringComparison.Ordinal);
    }

    [Fact]
    public void StudyTestWithTheEmbeddedDataIsAUsageError()
    {
        string test = TwoFeatureCsv("test.csv", 0, 1, 0, 1);
        string line = OneLine(CliRunner.Run("study", "--test", test, "--iterations", "2"), 2);
        Assert.StartsWith("dropout-lab: error: --test needs --data TRAIN.csv", line, StringComparison.Ordinal);
    }

    [Fact]
    public void CourseOnSingleClassLabelsIsADataError()
    {
        string train = TwoFeatureCsv("train.csv", 0, 0, 0, 0);
        string test = TwoFeatureCsv("test.csv", 0, 1);
        string line = OneLine(CliRunner.Run("course", "--train", train, "--test", test, "--iterations", "2"), 1);
        Assert.Equal($"dropout-lab: error: {train}: all labels are 0; a classifier needs at least two classes.", line);
    }

    [Fact]
    public void PlotsAtAFileIsAUsageError()
    {
        string file = _folder.File("afile.txt", "not a folder");
        string line = OneLine(CliRunner.Run("course", "--plots", file, "--iterations", "2"), 2);
        Assert.Equal($"dropout-lab: error: --plots: '{file}' is a file, not a folder.", line);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void CurvesNamesADirectoryGivenAsARun()
    {
        string dir = Directory.CreateDirectory(Path.Combine(_folder.Path, "adir")).FullName;
        string line = OneLine(CliRunner.Run("curves", "--run", "a=" + dir, "--out", Path.Combine(_folder.Path, "c.svg")), 1);
        Assert.Contains($"{dir}: is a directory", line, StringComparison.Ordinal);
    }
}
