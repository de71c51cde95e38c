using System.Runtime.InteropServices;
using DropoutLab.Cli;

namespace DropoutLab.Tests;

/// <summary>Commands run in-process with a stop already requested, as if the signal came before their first step.</summary>
public class InterruptionCliTests
{
    private static CliRun RunInterrupted(PosixSignal signal, params string[] args)
    {
        using var interruption = new CliInterruption();
        interruption.Request(signal);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, interruption);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    [Fact]
    public void TrainStopsBeforeItsFirstStepAndWritesNoModel()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 100, 30);
        string model = Path.Combine(folder.Path, "m.dlm");
        CliRun run = RunInterrupted(PosixSignal.SIGINT, "train", "--data", folder.Path, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--epochs", "8", "--save", model, "--checkpoint-every", "1");

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Equal("dropout-lab: interrupted at epoch 1 of 8; no model written\n", run.Error.ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, run.Output);
        Assert.False(File.Exists(model));
        Assert.False(File.Exists(model + ".checkpoint"));
    }

    [Fact]
    public void CourseAndReproduceStopWithOneLineAndNoPlots()
    {
        using var folder = new TempFolder();
        CliRun course = RunInterrupted(PosixSignal.SIGTERM, "course", "--plots", folder.Path);
        CliRun reproduce = RunInterrupted(PosixSignal.SIGINT, "reproduce", "--plots", folder.Path);

        Assert.Equal(ExitCodes.Terminated, course.ExitCode);
        Assert.Equal("dropout-lab: interrupted before the course run finished; nothing written", course.Error.TrimEnd());
        Assert.Equal(ExitCodes.Interrupted, reproduce.ExitCode);
        Assert.Equal("dropout-lab: interrupted before the course runs finished; nothing written", reproduce.Error.TrimEnd());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void StudyStopsWithOneLine()
    {
        CliRun study = RunInterrupted(PosixSignal.SIGTERM, "study", "--depths", "1", "--seeds", "1", "--iterations", "100", "--threads", "1");

        Assert.Equal(ExitCodes.Terminated, study.ExitCode);
        Assert.Equal("dropout-lab: interrupted after 0 of 4 runs; nothing written", study.Error.TrimEnd());
    }
}
