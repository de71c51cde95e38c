using System.Text.Json;

namespace DropoutLab.Tests;

/// <summary><c>course --dropout dropconnect</c> and <c>--batchnorm</c>.</summary>
public class CourseDropConnectBatchNormCliTests
{
    [Theory]
    [InlineData("dropconnect", "none", "fixed")]
    [InlineData("bernoulli", "after-dropout", "fresh")]
    [InlineData("dropconnect", "before-dropout", "fresh")]
    public void CourseTrainsAndNamesTheChoicesInTheJson(string dropout, string batchNorm, string masks)
    {
        CliRun run = CliRunner.Run("course", "--dropout", dropout, "--batchnorm", batchNorm, "--keep-prob", "0.86", "--masks", masks, "--iterations", "2000", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(dropout == "bernoulli" ? null : dropout, root.TryGetProperty("dropout", out JsonElement d) && d.GetString() != "bernoulli" ? d.GetString() : null);
        Assert.Equal(batchNorm == "none" ? null : batchNorm, root.TryGetProperty("batchNorm", out JsonElement b) ? b.GetString() : null);
        JsonElement costs = root.GetProperty("costs");
        Assert.Equal(2, costs.GetArrayLength());
        Assert.True(costs[1].GetProperty("cost").GetDouble() < costs[0].GetProperty("cost").GetDouble());
    }

    [Fact]
    public void TheDefaultPlacementAddsNoKey()
    {
        CliRun run = CliRunner.Run("course", "--iterations", "10", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("\"batchNorm\"", run.Output, StringComparison.Ordinal);
        Assert.Equal(CliRunner.Run("course", "--iterations", "10", "--json", "--batchnorm", "none").Output.Split("trainSeconds")[0], run.Output.Split("trainSeconds")[0]);
    }

    [Fact]
    public void TheTextPrintoutOfDropConnectIsTheCourses()
    {
        CliRun run = CliRunner.Run("course", "--dropout", "dropconnect", "--batchnorm", "after-dropout", "--keep-prob", "0.86", "--iterations", "2000", "--print-every", "1000");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("Cost after iteration 0: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("On the test set:\nAccuracy: ", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dropout dropconnect --scaling none", "--scaling must be inverted with dropconnect dropout", "--dropout")]
    [InlineData("--dropout dropconnect --scaling at-inference", "--scaling must be inverted with dropconnect dropout", "at-inference")]
    [InlineData("--batchnorm middle", "--batchnorm", "middle")]
    public void BadCombinationsExitTwoNamingTheFlags(string flags, string start, string mentions)
    {
        CliRun run = CliRunner.Run(["course", "--keep-prob", "0.8", "--iterations", "5", .. flags.Split(' ')]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains(start, run.Error, StringComparison.Ordinal);
        Assert.Contains(mentions, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
