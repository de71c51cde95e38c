using System.Diagnostics;
using DropoutLab.Cli;
using DropoutLab.Data;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>An output never replaces an input, and nothing but a regular file is ever renamed over.</summary>
public sealed class OutputPathCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string[] TinyTrain(string data, params string[] more) =>
        ["train", "--data", data, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--epochs", "1", .. more];

    private string TrainCsv() => _folder.File("train.csv", SyntheticImages.Csv(SyntheticImages.Labeled(60, 1), withLabel: true));

    private string TestCsv() => _folder.File("test.csv", SyntheticImages.Csv(SyntheticImages.Labeled(30, 2), withLabel: true));

    private static void AssertRefused(CliRun run, params string[] words)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        foreach (string word in words)
        {
            Assert.Contains(word, run.Error, StringComparison.Ordinal);
        }
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void TrainSaveOverTheTrainingCsvIsRefusedAndTheCsvIsUnchanged()
    {
        string train = TrainCsv(), test = TestCsv();
        string before = File.ReadAllText(train);
        AssertRefused(CliRunner.Run(TinyTrain(train, "--test", test, "--save", train)), "--save", "--data", "same file");
        Assert.Equal(before, File.ReadAllText(train));
        AssertRefused(CliRunner.Run(TinyTrain(train, "--test", test, "--save", test)), "--save", "--test");
    }

    [Fact]
    public void TrainSaveThroughASymlinkOrAHardLinkToAnInputIsRefused()
    {
        string train = TrainCsv(), test = TestCsv();
        string link = Path.Combine(_folder.Path, "link.dlm");
        File.CreateSymbolicLink(link, test);
        AssertRefused(CliRunner.Run(TinyTrain(train, "--test", test, "--save", link)), "--save " + link, "--test " + test);

        // A symlinked folder: the same file under another name.
        string alias = Path.Combine(_folder.Path, "alias");
        Directory.CreateSymbolicLink(alias, _folder.Path);
        AssertRefused(CliRunner.Run(TinyTrain(train, "--test", test, "--save", Path.Combine(alias, "train.csv"))), "--save", "--data");
        Assert.Equal(OutputGuard.RealPath(train), OutputGuard.RealPath(Path.Combine(alias, "train.csv")));

        string hard = Path.Combine(_folder.Path, "hard.csv");
        using (var process = Process.Start(new ProcessStartInfo("ln", [test, hard]) { UseShellExecute = false })!)
        {
            process.WaitForExit();
        }

        AssertRefused(CliRunner.Run(TinyTrain(train, "--test", test, "--save", hard)), "--save " + hard, "--test");
    }

    [Fact]
    public void TrainSaveOverAnIdxFileOfTheDataFolderIsRefused()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, 40, 20);
        string labels = Path.Combine(_folder.Path, MnistDataset.TestLabelsFile);
        byte[] before = File.ReadAllBytes(labels);
        AssertRefused(CliRunner.Run(TinyTrain(_folder.Path, "--save", labels)), "--save", "--data");
        Assert.Equal(before, File.ReadAllBytes(labels));

        // Any other name in the folder is fine.
        Assert.Equal(0, CliRunner.Run(TinyTrain(_folder.Path, "--save", Path.Combine(_folder.Path, "m.dlm"))).ExitCode);
    }

    [Fact]
    public void PredictOutputOverTheModelIsRefusedAndTheModelIsUnchanged()
    {
        string model = Path.Combine(_folder.Path, "m.dlm");
        ModelFile.Save(SyntheticImages.FloatModel, model);
        string input = _folder.File("in.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: false));
        byte[] before = File.ReadAllBytes(model);
        AssertRefused(CliRunner.Run("predict", "--model", model, "--input", input, "--output", model), "--output " + model, "--model " + model);
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void CurvesOutOverARunFileIsRefused()
    {
        string run = _folder.File("run.svg", "{}");
        AssertRefused(CliRunner.Run("curves", "--run", "a=" + run, "--out", run), "--out", "--run");
        Assert.Equal("{}", File.ReadAllText(run));
    }

    [Fact]
    public void StudyAndCourseFolderOutputsOverAnInputAreRefused()
    {
        string data = _folder.File("study.csv", "x0,x1,y\n0,0,0\n1,1,1\n");
        string test = _folder.File("t.csv", "x0,x1,y\n0,0,0\n1,1,1\n");
        AssertRefused(CliRunner.Run("study", "--data", data, "--test", test, "--out", _folder.Path, "--iterations", "1"), "--out", "--data");

        string cost = _folder.File("cost.png", "x0,x1,y\n0,0,0\n1,1,1\n");
        AssertRefused(CliRunner.Run("course", "--train", cost, "--test", test, "--plots", _folder.Path, "--iterations", "1"), "--plots", "--train");
        Assert.Equal("x0,x1,y\n0,0,0\n1,1,1\n", File.ReadAllText(cost));
    }

    [Fact]
    public void AnOutputThatIsADirectoryIsRefusedBeforeTheWorkAndStaysADirectory()
    {
        string train = TrainCsv(), test = TestCsv();
        string folder = Path.Combine(_folder.Path, "model.dlm");
        Directory.CreateDirectory(folder);
        AssertRefused(CliRunner.Run(TinyTrain(train, "--test", test, "--save", folder)), "--save", "is a directory");
        Assert.True(Directory.Exists(folder));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp*"));
    }

    [Fact]
    public void SavingToDevNullWritesInPlaceAndLeavesTheDeviceADevice()
    {
        string train = TrainCsv(), test = TestCsv();
        CliRun run = CliRunner.Run(TinyTrain(train, "--test", test, "--save", "/dev/null"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
    }

    [Fact]
    public void SavingToAFullDiskIsADataErrorAndLeavesNothingBehind()
    {
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        string train = TrainCsv(), test = TestCsv();
        CliRun run = CliRunner.Run(TinyTrain(train, "--test", test, "--save", "/dev/full"));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("/dev/full", run.Error, StringComparison.Ordinal);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/full"));
        Assert.Empty(Directory.GetFiles("/dev", ".full*"));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp*"));
    }

    [Fact]
    public async Task PredictToAFifoWritesIntoThePipeAndLeavesItAFifo()
    {
        string model = Path.Combine(_folder.Path, "m.dlm");
        ModelFile.Save(SyntheticImages.FloatModel, model);
        string input = _folder.File("in.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: false));
        string fifo = Path.Combine(_folder.Path, "out.fifo");
        MakeFifo(fifo);
        Task<string> reader = Task.Run(() => File.ReadAllText(fifo));
        CliRun run = CliRunner.Run("predict", "--model", model, "--input", input, "--output", fifo);
        Assert.True(run.ExitCode == 0, run.Error);
        string text = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("predicted,p0,p1", text, StringComparison.Ordinal);
        Assert.Equal(SyntheticImages.Test.Count + 1, text.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(fifo));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp*"));
    }

    [Fact]
    public void AtomicFileRefusesADirectoryAndKeepsASymlinkPointingAtItsTarget()
    {
        string folder = Path.Combine(_folder.Path, "d");
        Directory.CreateDirectory(folder);
        DataFormatException refused = Assert.Throws<DataFormatException>(() => AtomicFile.WriteText(folder, "x"));
        Assert.Contains("directory", refused.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(folder));

        string target = _folder.File("target.txt", "old");
        string link = Path.Combine(_folder.Path, "link.txt");
        File.CreateSymbolicLink(link, target);
        AtomicFile.WriteText(link, "new");
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp*"));
    }

    [Fact]
    public void AtomicFileRendersIntoDevNullWithoutATemporaryFileInDev()
    {
        AtomicFile.WriteFrom("/dev/null", ".svg", temporary => File.WriteAllText(temporary, "<svg/>"));
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null*"));
    }

    [Fact]
    public void FileKindsTellsRegularFilesFoldersAndMissingPathsApart()
    {
        string file = _folder.File("f.txt", "x");
        Assert.Equal(FileKind.Regular, FileKinds.Of(file));
        Assert.Equal(FileKind.Directory, FileKinds.Of(_folder.Path));
        Assert.Equal(FileKind.Missing, FileKinds.Of(Path.Combine(_folder.Path, "none")));
        Assert.Equal(FileKinds.Identity(file), FileKinds.Identity(Path.Combine(_folder.Path, ".", "f.txt")));
        Assert.NotEqual(FileKinds.Identity(file), FileKinds.Identity(_folder.Path));
    }
}
