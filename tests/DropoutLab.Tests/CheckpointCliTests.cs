using System.Text.Json;

namespace DropoutLab.Tests;

public class CheckpointCliTests
{
    private static string[] Train(string data, params string[] more) =>
        ["train", "--data", data, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--learning-rate", "0.01", "--epochs", "4", .. more];

    [Fact]
    public void CheckpointEveryWritesTheModelAndACheckpointThatResumesToTheSameHash()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 200, 60);
        string model = Path.Combine(folder.Path, "m.dlm");
        CliRun first = CliRunner.Run(Train(folder.Path, "--json", "--save", model, "--checkpoint-every", "2", "--precision", "float64"));
        Assert.Equal(0, first.ExitCode);
        Assert.True(File.Exists(model + ".checkpoint"));

        // A finished run's checkpoint resumes with nothing left to train: same parameters, same four epoch reports.
        CliRun again = CliRunner.Run(Train(folder.Path, "--json", "--resume", model + ".checkpoint", "--precision", "float64", "--threads", "2"));
        Assert.Equal(0, again.ExitCode);
        using JsonDocument a = JsonDocument.Parse(first.Output), b = JsonDocument.Parse(again.Output);
        Assert.Equal(a.RootElement.GetProperty("parametersSha256").GetString(), b.RootElement.GetProperty("parametersSha256").GetString());
        Assert.Equal(4, b.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void ResumeRefusesOtherLayersOrPrecisionAndCheckpointsNeedSave()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 200, 60);
        string model = Path.Combine(folder.Path, "m.dlm");
        Assert.Equal(0, CliRunner.Run(Train(folder.Path, "--save", model, "--checkpoint-every", "3")).ExitCode);
        string checkpoint = model + ".checkpoint";

        CliRun layers = CliRunner.Run([.. Train(folder.Path, "--resume", checkpoint).Select(arg => arg == "8,16,3" ? "8,12,3" : arg)]);
        Assert.Equal(1, layers.ExitCode);
        Assert.Contains("cannot resume: the checkpoint was made with layers 8,16,3, but this run has 8,12,3", layers.Error, StringComparison.Ordinal);
        Assert.Single(layers.Error.TrimEnd().Split('\n'));

        CliRun precision = CliRunner.Run(Train(folder.Path, "--resume", checkpoint, "--precision", "float64"));
        Assert.Equal(1, precision.ExitCode);
        Assert.Contains("float32, but this run has float64", precision.Error, StringComparison.Ordinal);

        CliRun noSave = CliRunner.Run(Train(folder.Path, "--checkpoint-every", "1"));
        Assert.Equal(2, noSave.ExitCode);
        Assert.Contains("--checkpoint-every needs --save", noSave.Error, StringComparison.Ordinal);

        CliRun missing = CliRunner.Run(Train(folder.Path, "--resume", Path.Combine(folder.Path, "none.checkpoint")));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("none.checkpoint", missing.Error, StringComparison.Ordinal);
    }
}
