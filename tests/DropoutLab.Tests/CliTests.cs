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
        CliRun run = CliRunner.Run("course", "--train", path, "--iterations", "2");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, path);
        Assert.Contains(line, run.Error, StringComparison.Ordinal);
        Assert.Contains(value, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCsvIsADataError()
    {
        CliRun run = CliRunner.Run("course", "--test", "/no/such/test.csv", "--iterations", "2");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, "/no/such/test.csv");
    }

    [Fact]
    public void TestCsvWithOtherFeatureCountIsADataError()
    {
        using var folder = new TempFolder();
        string path = folder.File("test.csv", "a,b,c,label\n1,2,3,0\n");
        CliRun run = CliRunner.Run("course", "--test", path, "--iterations", "2");
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
        string expected = string.Join('\n',
            "With scaling:", "-------------", "Cost after iteration 0: 0.6543912405149825",
            "Cost after iteration 10000: 0.0610169865749056", "Cost after iteration 20000: 0.0605824357985131");
        string[] lines = run.Output.Split('\n');
        Assert.Equal("With scaling:", lines[0]);
        Assert.Equal("Cost after iteration 0: 0.6543912405149825", lines[2]);
        Assert.StartsWith("Cost after iteration 10000: 0.06101698657490", lines[3], StringComparison.Ordinal);
        Assert.Equal("Accuracy: 0.9289099526066351", lines[6]);
        Assert.Equal("Accuracy: 0.95", lines[8]);
        Assert.Equal("Without scaling:", lines[9]);
        Assert.Equal("Accuracy: 0.933649289099526", lines[15]);
        Assert.Contains("fixed", run.Output, StringComparison.Ordinal);
        Assert.NotEmpty(expected);
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

    [Fact]
    public void HelpWorksForEveryCommand()
    {
        foreach (string command in new[] { "reproduce", "course", "explain" })
        {
            CliRun run = CliRunner.Run(command, "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("--json", run.Output, StringComparison.Ordinal);
        }
    }

    private static void AssertOneLine(string error, string named)
    {
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
