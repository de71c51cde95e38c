using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Playground.State;

namespace DropoutLab.Playground.Tests;

/// <summary>The page's settings, URL contract and CLI command, without a browser.</summary>
public sealed class PlaygroundStateTests
{
    [Fact]
    public void TheDefaultsAreTheCoursesNetworkAtKeepPointEightySix()
    {
        PlaygroundQuery query = PlaygroundQuery.Parse("http://127.0.0.1:5151/");
        Assert.Empty(query.Errors);
        Assert.Equal(
            "dropout-lab course --keep-prob 0.86 --scaling inverted --masks fixed --iterations 30000 --learning-rate 0.3 --print-every 10000",
            CliCommand.For(query.Settings, DropoutScaling.Inverted, null));
        Assert.Equal([DropoutScaling.Inverted], query.Settings.Rules);
    }

    [Fact]
    public void TheSeedPresetComparesInvertedWithNone()
    {
        PlaygroundSettings settings = PlaygroundQuery.Parse("/?preset=seed-table&autorun=1").Settings;
        Assert.Equal([DropoutScaling.Inverted, DropoutScaling.None], settings.Rules);
        Assert.True(settings.Autorun);
        CourseSettings course = settings.Course(DropoutScaling.None);
        Assert.Equal(0.86, course.KeepProb);
        Assert.Equal([20, 3], course.HiddenSizes);
        Assert.Equal(30000, course.Iterations);
        Assert.Equal(MaskPolicy.Fixed, course.Masks);
        Assert.Equal(10000, settings.PrintEvery);
    }

    [Fact]
    public void EveryParameterReachesTheCommand()
    {
        PlaygroundQuery query = PlaygroundQuery.Parse("/?dataset=xor&dataSeed=2&depth=3&width=9&keepProbs=0.5,0.75,1&masks=fresh&learningRate=0.1&lambd=0.25&iterations=5000&seed=8&maskSeed=6");
        Assert.Empty(query.Errors);
        Assert.Equal(
            "dropout-lab course --dataset xor --data-seed 2 --hidden 9,9,9 --keep-probs 0.5,0.75,1 --scaling none --masks fresh --lambd 0.25 --iterations 5000 --learning-rate 0.1 --init-seed 8 --mask-seed 6 --print-every 1000",
            CliCommand.For(query.Settings, DropoutScaling.None, null));
    }

    [Fact]
    public void DepthKeepsTheLayersItHasAndCopiesTheLast()
    {
        PlaygroundSettings settings = PlaygroundQuery.Parse("/?keepProb=0.5&depth=4").Settings;
        Assert.Equal([20, 3, 3, 3], settings.Hidden);
        Assert.Equal([0.5, 0.5, 0.5, 0.5], settings.KeepProbs);
        Assert.Equal([20], settings.WithDepth(1).Hidden);
        Assert.Equal(PlaygroundSettings.MaxDepth, settings.WithDepth(99).Hidden.Count);
    }

    [Theory]
    [InlineData("keepProb=0", "keepProb=0 must be in (0, 1]")]
    [InlineData("keepProb=1.5", "keepProb=1.5 must be in (0, 1]")]
    [InlineData("depth=7", "depth=7 must be a whole number in [1, 6]")]
    [InlineData("keepProbs=0.5", "keepProbs=0.5 must give one keep-prob per hidden layer (2)")]
    [InlineData("scaling=sideways", "scaling=sideways must be inverted, none or at-inference")]
    [InlineData("dataset=iris", "dataset=iris is not a dataset")]
    [InlineData("learningRate=-1", "learningRate=-1 must be a number > 0")]
    [InlineData("preset=nope", "preset=nope is not a preset")]
    [InlineData("colour=red", "colour=red is not a parameter of the page")]
    public void ABadParameterIsNamedAndSkipped(string parameter, string message)
    {
        PlaygroundQuery query = PlaygroundQuery.Parse("/?iterations=77&" + parameter);
        string error = Assert.Single(query.Errors);
        Assert.StartsWith("URL parameter " + message, error, StringComparison.Ordinal);
        Assert.Equal(77, query.Settings.Iterations);
    }

    [Fact]
    public void ACsvNameIsQuotedForTheShell()
    {
        PlaygroundSettings settings = new() { Dataset = "csv" };
        Assert.StartsWith("dropout-lab course --csv plain_file-1.csv ", CliCommand.For(settings, DropoutScaling.Inverted, "plain_file-1.csv"), StringComparison.Ordinal);
        Assert.StartsWith("dropout-lab course --csv 'my data'\\''s.csv' ", CliCommand.For(settings, DropoutScaling.Inverted, "my data's.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public void ASessionTrainsInSlicesAndPrintsTheCoursesLines()
    {
        var session = new PlaygroundSession(new PlaygroundSettings { Iterations = 250, Compare = true }, null);
        Assert.Null(session.Error);
        Assert.Equal(2, session.Runs.Count);
        Assert.Equal(string.Empty, session.Table());
        session.Advance(100, 0);
        Assert.Equal(100, session.Iteration);
        session.Advance(0, 1e6);
        Assert.True(session.IsDone);
        string table = session.Table();
        Assert.StartsWith("With scaling:\n-------------\nCost after iteration 0: 0.6543912405149825\n", table, StringComparison.Ordinal);
        Assert.Contains("Without scaling:\n-------------\nCost after iteration 0: 0.6634619861891963\n", table, StringComparison.Ordinal);
        Assert.Contains("\"runs\"", session.Json(), StringComparison.Ordinal);
        Assert.Equal(PlaygroundSession.GridSteps * PlaygroundSession.GridSteps, session.Grid!.Columns);
    }

    [Theory]
    [InlineData("x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n", "bad.csv")]
    [InlineData("x1,x2,x3,label\n0.1,0.2,0.3,0\n0.3,0.1,0.2,1\n0.2,0.2,0.2,1\n0.1,0.1,0.1,0\n0.5,0.5,0.5,1\n", "bad.csv")]
    public void ABadCsvIsAnErrorNamingTheFile(string text, string name)
    {
        var session = new PlaygroundSession(new PlaygroundSettings { Dataset = "csv" }, new DroppedCsv(name, text));
        Assert.NotNull(session.Error);
        Assert.Contains(name, session.Error, StringComparison.Ordinal);
        Assert.Empty(session.Runs);
        Assert.False(session.IsDone);
    }
}
