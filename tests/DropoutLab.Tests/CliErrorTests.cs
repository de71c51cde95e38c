using System.CommandLine;
using System.Reflection;
using DropoutLab.Cli;
using DropoutLab.Data;
using DropoutLab.Settings;

namespace DropoutLab.Tests;

/// <summary>How failures leave the command line: exit 2 naming the flag, exit 1 naming the file, exit 70 for a bug.</summary>
public class CliErrorTests
{
    // Settings no flag sets (documented on SettingFlags).
    private static readonly string[] Unflagged = [SettingNames.InitGain, SettingNames.ProbePasses, SettingNames.RecordEvery, SettingNames.Epsilon];

    public static TheoryData<string[], string, string> LibraryRejections => new()
    {
        // Values the parser accepts and the library's settings check rejects: command line, flag, library name.
        { ["course", "--keep-prob", "0"], "--keep-prob", SettingNames.KeepProb },
        { ["course", "--learning-rate", "NaN"], "--learning-rate", SettingNames.LearningRate },
        { ["course", "--iterations", "0"], "--iterations", SettingNames.Iterations },
        { ["course", "--lambd", "-0.5"], "--lambd", SettingNames.Lambd },
        { ["explain", "--keep-prob", "1.01"], "--keep-prob", SettingNames.KeepProb },
        { ["explain", "--weights", "1"], "--weights", SettingNames.Weights },
        { ["explain", "--activations", "1,NaN,2,3"], "--activations", SettingNames.Activations },
        { ["explain", "--bias", "NaN"], "--bias", SettingNames.Bias },
        { ["explain", "--trials", "0"], "--trials", SettingNames.Trials },
        { ["study", "--depths", "2,2"], "--depths", SettingNames.Depths },
        { ["study", "--width", "0"], "--width", SettingNames.Width },
        { ["study", "--keep-probs", "0.5,0"], "--keep-probs", SettingNames.KeepProbs },
        { ["study", "--scalings", "none,none"], "--scalings", SettingNames.Scalings },
        { ["study", "--seeds", "0"], "--seeds", SettingNames.Seeds },
        { ["study", "--learning-rate", "-1"], "--learning-rate", SettingNames.LearningRate },
        { ["study", "--threads", "0"], "--threads", SettingNames.Threads },
        { ["bench", "mlp", "--layers", "784,0,10", "--steps", "1"], "--layers", SettingNames.Layers },
        { ["bench", "mlp", "--batch-size", "0", "--steps", "1"], "--batch-size", SettingNames.BatchSize },
    };

    public static TheoryData<string[], string, string> TrainRejections => new()
    {
        { ["--keep-probs", "0.5"], "--keep-probs", SettingNames.KeepProbs },
        { ["--keep-probs", "0.5,1.5"], "--keep-probs", SettingNames.KeepProbs },
        { ["--layers", "8,0,3", "--keep-probs", "1,1"], "--layers", SettingNames.Layers },
        { ["--layers", "8"], "--layers", SettingNames.Layers },
        { ["--learning-rate", "0"], "--learning-rate", SettingNames.LearningRate },
        { ["--momentum", "1"], "--momentum", SettingNames.Momentum },
        { ["--max-norm", "-1"], "--max-norm", SettingNames.MaxNorm },
        { ["--lambd", "-1"], "--lambd", SettingNames.Lambd },
        { ["--batch-size", "0"], "--batch-size", SettingNames.BatchSize },
        { ["--batch-size", "61"], "--batch-size", SettingNames.BatchSize },
        { ["--epochs", "0"], "--epochs", SettingNames.Epochs },
        { ["--threads", "-1"], "--threads", SettingNames.Threads },
    };

    [Theory]
    [MemberData(nameof(LibraryRejections))]
    public void ABadSettingExitsTwoWithOneLineNamingTheFlagNotTheLibraryName(string[] args, string flag, string setting) =>
        AssertNamesTheFlag(CliRunner.Run(args), flag, setting);

    [Theory]
    [MemberData(nameof(TrainRejections))]
    public void ABadTrainSettingExitsTwoWithOneLineNamingTheFlag(string[] flags, string flag, string setting)
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 60, 20);
        string[] layers = flags.Contains("--layers") ? [] : ["--layers", "8,16,3"];
        string[] keeps = flags.Contains("--keep-probs") || flags.Contains("--layers") ? [] : ["--keep-probs", "1,1"];
        string[] batch = flags.Contains("--batch-size") ? [] : ["--batch-size", "20"];
        AssertNamesTheFlag(CliRunner.Run(["train", "--data", folder.Path, .. batch, .. layers, .. keeps, .. flags]), flag, setting);
    }

    [Fact]
    public void TheLineStatesTheRuleAndTheValueAsTyped()
    {
        CliRun run = CliRunner.Run("course", "--keep-prob", "0");
        Assert.Equal("dropout-lab: error: --keep-prob must be in (0, 1], but got 0.", run.Error.TrimEnd('\n'));

        run = CliRunner.Run("explain", "--activations", "1,2", "--weights", "1,2,3");
        Assert.Equal("dropout-lab: error: --weights needs one value per activation (2), but got 1,2,3; see also --activations.", run.Error.TrimEnd('\n'));
    }

    [Fact]
    public void AKeepProbsCountThatDoesNotMatchTheLayersPointsAtBothFlags()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 60, 20);
        CliRun run = CliRunner.Run("train", "--data", folder.Path, "--layers", "8,16,16,3", "--keep-probs", "0.8,0.5");
        Assert.Equal(
            "dropout-lab: error: --keep-probs needs 3 values (the inputs, then each of the 2 hidden layers), but got 0.8,0.5; see also --layers.",
            run.Error.TrimEnd('\n'));
    }

    [Fact]
    public void ACsvTrainingFileWithoutATestFileNamesTheTestFlag()
    {
        using var folder = new TempFolder();
        string train = folder.File("train.csv", SyntheticImages.Csv(SyntheticImages.Labeled(60, 1), withLabel: true));
        CliRun run = CliRunner.Run("train", "--data", train);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal($"dropout-lab: error: --test is required because the training data {train} is a CSV file.", run.Error.TrimEnd('\n'));
    }

    [Fact]
    public void AnExceptionFromACommandIsAnInternalErrorWithOneLineAndNoStackTrace()
    {
        Func<ParseResult, int> crash = _ => throw new InvalidOperationException("the cache is gone\n   at Somewhere.Deep()");
        CliRun run = RunWith(crash, "crash");
        Assert.Equal(70, run.ExitCode);
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dropout-lab: internal error: System.InvalidOperationException: the cache is gone at Somewhere.Deep() (please report this", line, StringComparison.Ordinal);
        Assert.EndsWith(")", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AnArgumentOutOfRangeExceptionIsNoLongerMistakenForAUsageError()
    {
        Func<ParseResult, int> crash = _ => throw new ArgumentOutOfRangeException("index", 5, "index must be below 4.");
        CliRun run = RunWith(crash, "crash");
        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Contains("System.ArgumentOutOfRangeException: index must be below 4.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("dropout-lab: error:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailureWhileBuildingTheCommandsIsAnInternalErrorToo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(["anything"], output, error, _ => throw new NotSupportedException("no commands"));
        Assert.Equal(ExitCodes.InternalError, code);
        Assert.StartsWith("dropout-lab: internal error: System.NotSupportedException: no commands", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SettingNames.ProbePasses)]
    [InlineData("noSuchSetting")]
    public void ASettingNoFlagSetsIsABugInTheCommand(string setting)
    {
        (int code, string line) = CliErrors.Describe(new SettingException(setting, "must be at least 1", "0"));
        Assert.Equal(ExitCodes.InternalError, code);
        Assert.StartsWith($"dropout-lab: internal error: DropoutLab.Settings.SettingException: {setting} must be at least 1, but got 0.", line, StringComparison.Ordinal);
    }

    [Fact]
    public void EachKindOfFailureGetsItsExitCode()
    {
        Assert.Equal((2, "dropout-lab: error: --out: 'x' is a file."), CliErrors.Describe(new UsageException("--out: 'x' is a file.")));
        Assert.Equal((1, "dropout-lab: error: a.csv:3: bad cell."), CliErrors.Describe(new DataFormatException("bad cell.", "a.csv", 3)));
        Assert.Equal((1, "dropout-lab: error: disk full"), CliErrors.Describe(new IOException("disk full")));
        Assert.Equal(
            (2, "dropout-lab: error: --keep-probs must each be in (0, 1], but got 2."),
            CliErrors.Describe(new AggregateException(new SettingException(SettingNames.KeepProbs, "must each be in (0, 1]", "2"))));
        Assert.Equal(1, CliErrors.Describe(new AggregateException(new AggregateException(new DataFormatException("x", "b.csv")))).ExitCode);
        Assert.Equal(ExitCodes.InternalError, CliErrors.Describe(new AggregateException(new NullReferenceException())).ExitCode);
    }

    [Fact]
    public void EverySettingHasAFlagUnlessNoFlagSetsIt()
    {
        string[] names = [.. typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (string)field.GetRawConstantValue()!)];
        Assert.Equal(names.Except(Unflagged).Order(), SettingFlags.All.Keys.Order());
        Assert.Equal(SettingFlags.All.Count, SettingFlags.All.Values.Distinct().Count());
    }

    [Fact]
    public void EveryFlagInTheTableExistsOnSomeCommand()
    {
        using var output = new StringWriter();
        var io = new CliOutput(output, output);
        string[] flags = [.. Options(CliApp.BuildRoot(io)).Select(option => option.Name)];
        foreach (string flag in SettingFlags.All.Values)
        {
            Assert.Contains(flag, flags);
        }
    }

    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Concat(command.Subcommands.SelectMany(Options));

    private static CliRun RunWith(Func<ParseResult, int> action, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, _ =>
        {
            var root = new RootCommand("test");
            var command = new Command(args[0]);
            command.SetAction(action);
            root.Subcommands.Add(command);
            return root;
        });
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static void AssertNamesTheFlag(CliRun run, string flag, string setting)
    {
        Assert.True(run.ExitCode == ExitCodes.UsageError, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"dropout-lab: error: {flag} ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(setting, line.Replace(flag, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", line, StringComparison.Ordinal);
    }
}
