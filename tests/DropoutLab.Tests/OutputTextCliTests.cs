namespace DropoutLab.Tests;

/// <summary>What the text outputs say: the result once on stdout, counts in the right number.</summary>
public class OutputTextCliTests
{
    [Fact]
    public void TrainPrintsOnlyTheResultOnStdoutNotEachEpoch()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 300, 150);
        CliRun run = CliRunner.Run("train", "--data", folder.Path, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--learning-rate", "0.01", "--epochs", "3", "--threads", "1");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, line => line.StartsWith("epoch", StringComparison.Ordinal));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("test accuracy ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("parameters SHA-256 ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void OneOfSomethingIsSingular()
    {
        CliRun study = CliRunner.Run("study", "--depths", "1,2", "--keep-probs", "0.5", "--seeds", "1", "--iterations", "1", "--threads", "1");
        Assert.Equal(0, study.ExitCode);
        Assert.Contains(", 1 seed, 1 iteration at learning rate", study.Output, StringComparison.Ordinal);

        CliRun explain = CliRunner.Run("explain", "--trials", "1");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("Monte Carlo: 1 trial, seed", explain.Output, StringComparison.Ordinal);

        CliRun bench = CliRunner.Run("bench", "course", "--repeat", "1", "--iterations", "1");
        Assert.Equal(0, bench.ExitCode);
        Assert.Contains("course run, 1 iteration: median", bench.Output, StringComparison.Ordinal);
        Assert.Contains(" over 1 run (", bench.Output, StringComparison.Ordinal);

        CliRun dropout = CliRunner.Run("bench", "dropout", "--elements", "100", "--repeat", "1", "--threads", "1");
        Assert.Equal(0, dropout.ExitCode);
        Assert.Contains(" over 1 call (", dropout.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeepProbsCountForANetWithoutHiddenLayersSaysOneValue()
    {
        CliRun run = CliRunner.Run("bench", "mlp", "--layers", "20,2", "--keep-probs", "0.8,0.5", "--steps", "1", "--warmup", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--keep-probs needs 1 value (the inputs; there are no hidden layers), but got 0.8,0.5", run.Error, StringComparison.Ordinal);
    }
}
