using System.Text.Json;

namespace DropoutLab.Tests;

/// <summary><c>course --dropout</c> and <c>--activation</c>.</summary>
public class CourseVariantCliTests
{
    [Theory]
    [InlineData("gaussian", "relu", "fresh")]
    [InlineData("alpha", "selu", "fixed")]
    public void CourseTrainsAVariantAndNamesItInTheJson(string dropout, string activation, string masks)
    {
        CliRun run = CliRunner.Run("course", "--dropout", dropout, "--activation", activation, "--keep-prob", "0.86", "--masks", masks, "--iterations", "2000", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(dropout, root.GetProperty("dropout").GetString());
        Assert.Equal(activation, root.GetProperty("activation").GetString());
        JsonElement costs = root.GetProperty("costs");
        Assert.Equal(2, costs.GetArrayLength());
        Assert.True(costs[1].GetProperty("cost").GetDouble() < costs[0].GetProperty("cost").GetDouble());
    }

    [Fact]
    public void TheDefaultCourseOutputHasNoVariantKeys()
    {
        CliRun run = CliRunner.Run("course", "--iterations", "10", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("\"dropout\"", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"activation\"", run.Output, StringComparison.Ordinal);
        Assert.Equal(CliRunner.Run("course", "--iterations", "10", "--json", "--dropout", "bernoulli", "--activation", "relu").Output.Split("trainSeconds")[0], run.Output.Split("trainSeconds")[0]);
    }

    [Theory]
    [InlineData("--dropout alpha", "--dropout alpha needs the selu activation", "--activation")]
    [InlineData("--dropout alpha --activation selu --scaling none", "--scaling must be inverted with alpha dropout", "--dropout")]
    [InlineData("--dropout gaussian --scaling at-inference", "--scaling must be inverted with gaussian dropout", "at-inference")]
    [InlineData("--dropout dropout", "--dropout", "dropout")]
    [InlineData("--activation tanh", "--activation", "tanh")]
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
