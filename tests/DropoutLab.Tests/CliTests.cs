using System.Text.Json;

namespace DropoutLab.Tests;

public class CliTests
{
    [Theory]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "course", "--bogus" }, "--bogus")]
    [InlineData(new[] { "course", "--keep-prob", "0" }, "--keep-prob")]
    [InlineData(new[] { "course", "--keep-prob", "1.5" }, "1.5")]
    [InlineData(new[] { "course", "--keep-prob", "-0.2" }, "--keep-prob")]
    [InlineData(new[] { "course", "--keep-prob", "abc" }, "abc")]
    [InlineData(new[] { "course", "--iterations", "0" }, "--iterations")]
    [InlineData(new[] { "course", "--learning-rate", "0" }, "--learning-rate")]
    [InlineData(new[] { "course", "--learning-rate", "-1" }, "--learning-rate")]
    [InlineData(new[] { "course", "--scaling", "half" }, "half")]
    [InlineData(new[] { "course", "--masks", "sometimes" }, "sometimes")]
    [InlineData(new[] { "reproduce", "--masks", "sometimes" }, "--masks")]
    [InlineData(new[] { "course", "--lambd", "-1" }, "--lambd")]
    public void UsageErrorsExitTwoWithOneLineNamingTheProblem(string[] args, string named)
    {
        CliRun run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run.Error, named);
        Assert.Equal(string.Empty, run.Output);
    }

    [Theory]
    [InlineData("x1,x2,label\n0.1,abc,1\n", ":2:", "abc")]
    [InlineData("x1,x2,label\n0.1,NaN,1\n", ":2:", "NaN")]
    [InlineData("x1,x2,label\n0.1,inf,1\n", ":2:", "inf")]
    [InlineData("x1,x2,label\n0.1,0.2,3\n", ":2:", "'3'")]
    [InlineData("x1,x2,label\n0.1,0.2,1\n0.3,0.4\n", ":3:", "cells")]
    public void DataErrorsExitOneWithOneLineNamingFileLineAndValue(string contents, string line, string value)
    {
        using var folder = new TempFolder();
        string path = folder.File("train.csv", contents);
        CliRun run = CliRunner.Run("course", "--train", path, "--test", path, "--iterations", "2");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, path);
        Assert.Contains(line, run.Error, StringComparison.Ordinal);
        Assert.Contains(value, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCsvIsADataError()
    {
        using var folder = new TempFolder();
        string train = folder.File("train.csv", "a,b,label\n1,2,0\n3,4,1\n");
        CliRun run = CliRunner.Run("course", "--train", train, "--test", "/no/such/test.csv", "--iterations", "2");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, "/no/such/test.csv");
    }

    [Fact]
    public void TestCsvWithOtherFeatureCountIsADataError()
    {
        using var folder = new TempFolder();
        string path = folder.File("test.csv", "a,b,c,label\n1,2,3,0\n");
        string train = folder.File("train.csv", "a,b,label\n1,2,0\n3,4,1\n");
        CliRun run = CliRunner.Run("course", "--train", train, "--test", path, "--iterations", "2");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, path);
    }

    [Fact]
    public void CourseJsonHasTheDocumentedFields()
    {
        CliRun run = CliRunner.Run("course", "--keep-prob", "0.86", "--iterations", "2500", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(0.86, root.GetProperty("keepProb").GetDouble());
        Assert.Equal("inverted", root.GetProperty("scaling").GetString());
        Assert.Equal("fixed", root.GetProperty("masks").GetString());
        Assert.Equal(0.0, root.GetProperty("lambd").GetDouble());
        Assert.Equal(2500, root.GetProperty("iterations").GetInt32());
        Assert.Equal(0.3, root.GetProperty("learningRate").GetDouble());
        Assert.Equal([0, 1000, 2000], root.GetProperty("costs").EnumerateArray().Select(c => c.GetProperty("iteration").GetInt32()));
        Assert.Equal(0.6543912405149825, root.GetProperty("costs")[0].GetProperty("cost").GetDouble());
        Assert.InRange(root.GetProperty("trainAccuracy").GetDouble(), 0.5, 1.0);
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0.5, 1.0);
        Assert.InRange(root.GetProperty("testLogLoss").GetDouble(), 0.01, 0.69);
        Assert.True(root.GetProperty("trainSeconds").GetDouble() > 0);
    }

    [Fact]
    public void CourseTextPrintsEveryKIterations()
    {
        CliRun run = CliRunner.Run("course", "--iterations", "30", "--print-every", "10");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Cost after iteration 0", "Cost after iteration 10", "Cost after iteration 20"], lines.Take(3).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal("On the train set:", lines[3]);
        Assert.StartsWith("Accuracy: ", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void ReproducePrintsTheTableInTheSeedsLayout()
    {
        CliRun run = CliRunner.Run("reproduce");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);

        // The table as README.md shows it: each cost is the shortest text that round-trips the double, the costs
        // being those CourseReproductionTests pins (the course's numpy table to within 2.6e-16 relative).
        string[] expected =
        [
            "With scaling:", "-------------",
            "Cost after iteration 0: 0.6543912405149825",
            "Cost after iteration 10000: 0.0610169865749056",
            "Cost after iteration 20000: 0.060582435798513114",
            "On the train set:", "Accuracy: 0.9289099526066351",
            "On the test set:", "Accuracy: 0.95",
            "Without scaling:", "-------------",
            "Cost after iteration 0: 0.6634619861891963",
            "Cost after iteration 10000: 0.05040089794130624",
            "Cost after iteration 20000: 0.049722351029060516",
            "On the train set:", "Accuracy: 0.933649289099526",
            "On the test set:", "Accuracy: 0.95",
            string.Empty, "Reading the result:",
        ];
        string[] lines = run.Output.Split('\n');
        Assert.Equal(expected, lines.Take(expected.Length));
        Assert.Contains("Masks 'fixed'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ReproduceJsonHasTwoRuns()
    {
        CliRun run = CliRunner.Run("reproduce", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement[] runs = [.. document.RootElement.GetProperty("runs").EnumerateArray()];
        Assert.Equal(["inverted", "none"], runs.Select(r => r.GetProperty("scaling").GetString()));
        Assert.Equal(31, runs[1].GetProperty("costs").GetArrayLength() + 1);
        Assert.Equal(0.933649289099526, runs[1].GetProperty("trainAccuracy").GetDouble());
    }

    // Every leaf command and its own options, as declared in src/DropoutLab.Cli/Commands.
    public static TheoryData<string, string[]> CommandOptions => new()
    {
        { "reproduce", ["--masks", "--json", "--plots", "--plot-size"] },
        {
            "course",
            ["--keep-prob", "--keep-probs", "--hidden", "--scaling", "--dropout", "--activation", "--batchnorm", "--masks", "--lambd", "--iterations", "--learning-rate", "--print-every", "--init-seed", "--mask-seed", "--dataset", "--data-seed", "--csv", "--train", "--test", "--json", "--plots", "--plot-size"]
        },
        { "explain", ["--keep-prob", "--activations", "--weights", "--bias", "--rule", "--input-mean", "--input-variance", "--trials", "--seed", "--json", "--plot", "--plot-size"] },
        {
            "study",
            ["--data", "--test", "--depths", "--width", "--keep-probs", "--scalings", "--seeds", "--iterations", "--learning-rate", "--masks", "--threads", "--json", "--out", "--max-memory", "--variants", "--batchnorm", "--layers", "--epochs", "--batch-size"]
        },
        {
            "train",
            [
                "--data", "--test", "--classes", "--layers", "--keep-probs", "--scaling", "--dropout", "--mask-share", "--activation", "--batchnorm", "--optimizer", "--learning-rate", "--schedule",
                "--momentum", "--max-norm", "--lambd", "--batch-size", "--epochs", "--inputs", "--init", "--seed", "--threads", "--precision", "--save", "--json", "--max-memory", "--checkpoint-every", "--resume",
            ]
        },
        { "evaluate", ["--model", "--data", "--threads", "--json"] },
        { "predict", ["--model", "--input", "--output", "--mc-samples", "--seed", "--threads"] },
        { "export", ["--model", "--onnx", "--mc-dropout"] },
        { "curves", ["--run", "--out"] },
        { "bench course", ["--repeat", "--iterations", "--json"] },
        { "bench mlp", ["--layers", "--keep-probs", "--dropout", "--activation", "--batchnorm", "--mask-share", "--batch-size", "--steps", "--warmup", "--threads", "--seed", "--baseline", "--json", "--max-memory"] },
        { "bench dropout", ["--elements", "--keep-prob", "--repeat", "--threads", "--relu", "--json", "--max-memory"] },
        { "bench gemm", ["--m", "--k", "--n", "--threads", "--repeat", "--warmup", "--json"] },
        { "playground", ["--port", "--no-open"] },
    };

    [Theory]
    [MemberData(nameof(CommandOptions))]
    public void HelpOfEveryCommandShowsItsUsageAndExactlyItsOptions(string command, string[] options)
    {
        Help help = RunHelp(command);
        Assert.Equal($"{RootName} {command} [options]", help.Usage);
        Assert.Equal([.. options.Order(StringComparer.Ordinal)], help.Options.Where(o => !IsHelpFlag(o)).Order(StringComparer.Ordinal));
        Assert.Equal(["--help", "-?", "-h"], help.Options.Where(IsHelpFlag).Order(StringComparer.Ordinal));
        Assert.Empty(help.Commands);
    }

    [Theory]
    [InlineData("", "reproduce,course,explain,study,train,evaluate,predict,uci,export,curves,bench,playground")]
    [InlineData("bench", "course,mlp,dropout,gemm")]
    [InlineData("uci", "merge")]
    public void HelpOfEveryCommandGroupListsItsSubcommands(string group, string subcommands)
    {
        Help help = RunHelp(group);
        string name = group.Length == 0 ? RootName : $"{RootName} {group}";
        Assert.Equal($"{name} [command] [options]", help.Usage);
        Assert.Equal(subcommands.Split(','), help.Commands);
        Assert.Contains("--help", help.Options);
    }

    [Fact]
    public void TheHelpTablesCoverEveryCommandOfTheCli()
    {
        var leaves = new List<string>();
        void Walk(System.CommandLine.Command command, string path)
        {
            if (command.Subcommands.Count == 0 || (path.Length > 0 && command.Action is not null))
            {
                leaves.Add(path);
            }

            foreach (System.CommandLine.Command sub in command.Subcommands)
            {
                Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
            }
        }

        Walk(Root(), string.Empty);
        Assert.Equal(CommandOptions.Select(row => (string)row[0]).Concat(["uci", "uci merge"]).Order(StringComparer.Ordinal), leaves.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HelpOfUciAndUciMergeShowsTheirUsageAndExactlyTheirOptions()
    {
        Help uci = RunHelp("uci");
        Assert.Equal($"{RootName} uci [command] [options]", uci.Usage);
        Assert.Equal(["--data", "--epochs", "--hidden", "--json", "--mc-samples", "--out", "--seed", "--shard", "--splits", "--threads"], uci.Options.Where(o => !IsHelpFlag(o)).Order(StringComparer.Ordinal));
        Help merge = RunHelp("uci merge");
        Assert.Equal($"{RootName} uci merge <FILE>... [options]", merge.Usage);
        Assert.Equal(["--json", "--out"], merge.Options.Where(o => !IsHelpFlag(o)).Order(StringComparer.Ordinal));
        Assert.Empty(merge.Commands);
    }

    // The root command is named after the executable: dropout-lab when installed, the test host here.
    private static string RootName => Root().Name;

    private static System.CommandLine.RootCommand Root() => DropoutLab.Cli.CliApp.BuildRoot(new DropoutLab.Cli.CliOutput(TextWriter.Null, TextWriter.Null));

    private sealed record Help(string Usage, List<string> Options, List<string> Commands);

    // Splits "--help" output into its Usage line, the names in the first column of its Options section
    // ("--m <m>  Rows…" gives "--m"; "-?, -h, --help" gives three), and the first column of its Commands section.
    private static Help RunHelp(string command)
    {
        CliRun run = CliRunner.Run([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        string[] lines = run.Output.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        IEnumerable<string> Section(string title) =>
            lines.SkipWhile(l => l != title).Skip(1).TakeWhile(l => l.Length > 0).Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal));
        string usage = Assert.Single(Section("Usage:")).Trim();
        List<string> options = [.. Section("Options:").SelectMany(l => l.Trim().Split("  ")[0].Split(' ').TakeWhile(t => t.StartsWith('-')).Select(t => t.TrimEnd(',')))];
        List<string> commands = [.. Section("Commands:").Select(l => l.Trim().Split(' ')[0])];
        return new Help(usage, options, commands);
    }

    private static bool IsHelpFlag(string option) => option is "-?" or "-h" or "--help";

    private static void AssertOneLine(string error, string named)
    {
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
