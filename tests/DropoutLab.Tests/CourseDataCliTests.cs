using System.Text.Json;

namespace DropoutLab.Tests;

public class CourseDataCliTests
{
    [Fact]
    public void MoonsRunAndDifferFromFootball()
    {
        CliRun moons = CliRunner.Run("course", "--dataset", "moons", "--iterations", "200", "--json");
        CliRun football = CliRunner.Run("course", "--iterations", "200", "--json");
        Assert.True(moons.ExitCode == 0, moons.Error);
        Assert.True(football.ExitCode == 0, football.Error);
        using JsonDocument moonsJson = JsonDocument.Parse(moons.Output);
        using JsonDocument footballJson = JsonDocument.Parse(football.Output);
        Assert.Equal("moons", moonsJson.RootElement.GetProperty("data").GetString());
        Assert.Equal("football", footballJson.RootElement.GetProperty("data").GetString());
        Assert.NotEqual(Cost0(moonsJson), Cost0(footballJson));
    }

    [Fact]
    public void TheDataSeedChangesTheSyntheticPoints()
    {
        CliRun seed0 = CliRunner.Run("course", "--dataset", "xor", "--iterations", "3", "--json");
        CliRun seed5 = CliRunner.Run("course", "--dataset", "xor", "--data-seed", "5", "--iterations", "3", "--json");
        Assert.True(seed5.ExitCode == 0, seed5.Error);
        using JsonDocument a = JsonDocument.Parse(seed0.Output);
        using JsonDocument b = JsonDocument.Parse(seed5.Output);
        Assert.NotEqual(Cost0(a), Cost0(b));
    }

    [Fact]
    public void NetworkFlagsReachTheRun()
    {
        CliRun run = CliRunner.Run("course", "--hidden", "6,5,4", "--keep-probs", "0.9,0.8,1", "--init-seed", "8", "--mask-seed", "2", "--iterations", "3", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal([6, 5, 4], root.GetProperty("hiddenSizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0.9, 0.8, 1.0], root.GetProperty("keepProbs").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(8, root.GetProperty("initSeed").GetInt32());
        Assert.Equal(2, root.GetProperty("maskSeed").GetInt32());

        CliRun otherInit = CliRunner.Run("course", "--hidden", "6,5,4", "--keep-probs", "0.9,0.8,1", "--init-seed", "9", "--mask-seed", "2", "--iterations", "3", "--json");
        using JsonDocument other = JsonDocument.Parse(otherInit.Output);
        Assert.NotEqual(Cost0(document), Cost0(other));
    }

    [Fact]
    public void OneCsvIsSplitAndRun()
    {
        using var folder = new TempFolder();
        string path = folder.File("points.csv", CourseDataTests.Csv(40));
        CliRun run = CliRunner.Run("course", "--csv", path, "--iterations", "10", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.EndsWith("points.csv", document.RootElement.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ABadCsvLineIsADataErrorNamingTheFileAndLine()
    {
        using var folder = new TempFolder();
        string path = folder.File("broken.csv", "x1,x2,y\n0.1,0.2,0\n0.3,0.4,1\n0.5,x,0\n0.1,0.2,1\n");
        CliRun run = CliRunner.Run("course", "--csv", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken.csv:4", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--csv", "--train")]
    [InlineData("--csv", "--dataset")]
    [InlineData("--data-seed", "--dataset")]
    [InlineData("--train", "--dataset")]
    [InlineData("--keep-probs", "--keep-prob")]
    public void ConflictingFlagsAreAUsageErrorNamingBoth(string first, string second)
    {
        using var folder = new TempFolder();
        string path = folder.File("points.csv", CourseDataTests.Csv(40));
        string[] args = (first, second) switch
        {
            ("--csv", "--train") => ["course", "--csv", path, "--train", path, "--test", path],
            ("--csv", "--dataset") => ["course", "--csv", path, "--dataset", "spiral"],
            ("--data-seed", _) => ["course", "--data-seed", "3"],
            ("--train", _) => ["course", "--train", path, "--test", path, "--dataset", "circles"],
            _ => ["course", "--keep-probs", "0.5,0.5", "--keep-prob", "0.5"],
        };
        CliRun run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains(first, run.Error, StringComparison.Ordinal);
        Assert.Contains(second, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--hidden", "0,3")]
    [InlineData("--hidden", "20,x")]
    [InlineData("--hidden", "2000")]
    [InlineData("--keep-probs", "0.5")]
    [InlineData("--keep-probs", "0.5,1.5")]
    [InlineData("--init-seed", "-1")]
    [InlineData("--dataset", "rings")]
    public void OutOfRangeValuesAreAUsageErrorNamingTheFlag(string flag, string value)
    {
        CliRun run = CliRunner.Run("course", flag, value, "--iterations", "2");
        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"dropout-lab: error: {flag}", lines[0], StringComparison.Ordinal);
    }

    private static double Cost0(JsonDocument document) => document.RootElement.GetProperty("costs")[0].GetProperty("cost").GetDouble();
}
