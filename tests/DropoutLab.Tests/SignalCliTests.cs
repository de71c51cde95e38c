using System.Diagnostics;
using System.Text.Json;
using DropoutLab.Cli;

namespace DropoutLab.Tests;

/// <summary>SIGINT and SIGTERM sent to the built tool running as a child process (Linux and macOS: they use kill).</summary>
public class SignalCliTests
{
    private static string[] Train(string data, string epochs, params string[] more) =>
        ["train", "--data", data, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--learning-rate", "0.01", "--threads", "1", "--epochs", epochs, .. more];

    // Starts `dotnet dropout-lab.dll args`, waits for its first epoch line on stderr, sends the signal, waits for the exit.
    private static (int ExitCode, string Error) RunAndSignal(string signal, string[] args, string startedPrefix = "epoch 1/")
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "dropout-lab.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process child = Process.Start(start)!;
        var lines = new List<string>();
        using var firstEpoch = new ManualResetEventSlim();
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (e.Data.StartsWith(startedPrefix, StringComparison.Ordinal))
            {
                firstEpoch.Set();
            }
        };
        child.BeginErrorReadLine();
        child.StandardOutput.ReadToEndAsync();
        try
        {
            // A generous bound, not a timing: the first progress line comes within seconds on a quiet machine, but a
            // CI host shared with other jobs (seen: 20× slower) must not fail the test.
            Assert.True(firstEpoch.Wait(TimeSpan.FromMinutes(4)), "no progress line within 4 minutes");
            using (Process kill = Process.Start("kill", [$"-{signal}", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the tool did not stop within 30 s of the signal");
            child.WaitForExit();
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }

        lock (lines)
        {
            return (child.ExitCode, string.Join('\n', lines.Where(l => !l.StartsWith("epoch ", StringComparison.Ordinal) && !l.StartsWith("study: ", StringComparison.Ordinal))));
        }
    }

    [Theory]
    [InlineData("INT", ExitCodes.Interrupted)]
    [InlineData("TERM", ExitCodes.Terminated)]
    public void ASignalStopsTrainingAtTheNextStepWithOneLineAndNoModel(string signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 400, 60);
        string model = Path.Combine(folder.Path, "model.dlm");
        (int code, string error) = RunAndSignal(signal, Train(folder.Path, "100000", "--save", model));

        Assert.Equal(exitCode, code);
        Assert.Matches(@"^dropout-lab: interrupted at epoch \d+ of 100000; no model written$", error);
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void AfterSigtermTheCheckpointResumesToTheStraightRunsParameters()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 400, 60);
        string model = Path.Combine(folder.Path, "model.dlm");
        string checkpoint = model + ".checkpoint";
        (int code, string error) = RunAndSignal("TERM", Train(folder.Path, "3000", "--save", model, "--checkpoint-every", "1"));

        Assert.Equal(ExitCodes.Terminated, code);
        Assert.Matches(@"^dropout-lab: interrupted at epoch \d+ of 3000; the model and checkpoint of epoch \d+ are in .*model\.dlm and .*model\.dlm\.checkpoint \(continue with --resume .*\)$", error);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
        Assert.Equal(0, CliRunner.Run("evaluate", "--model", model, "--data", folder.Path).ExitCode);

        // The first run's seed, layers and data, continued in-process to the end, then the same run straight.
        string[] rest = Train(folder.Path, "3000", "--json", "--resume", checkpoint);
        CliRun resumed = CliRunner.Run(rest);
        CliRun straight = CliRunner.Run(Train(folder.Path, "3000", "--json"));
        Assert.Equal(0, resumed.ExitCode);
        using JsonDocument a = JsonDocument.Parse(resumed.Output), b = JsonDocument.Parse(straight.Output);
        Assert.Equal(b.RootElement.GetProperty("parametersSha256").GetString(), a.RootElement.GetProperty("parametersSha256").GetString());
        Assert.Equal(3000, a.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void SigintStopsAStudyBetweenStepsAndWritesNoFiles()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        using var folder = new TempFolder();
        string output = Path.Combine(folder.Path, "out");
        string[] study = ["study", "--depths", "1", "--seeds", "10", "--iterations", "20000", "--threads", "1", "--out", output];
        (int code, string error) = RunAndSignal("INT", study, "study: ");

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Matches(@"^dropout-lab: interrupted after \d+ of 40 runs; nothing written$", error);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }
}
