using Bunit;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Playground.Components;
using DropoutLab.Playground.State;
using DropoutLab.Training;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DropoutLab.Playground.Tests;

/// <summary>DropConnect and the batch-norm placement selector: settings, URL contract, CLI command, JSON and the page (bUnit).</summary>
public sealed class PlaygroundBatchNormTests : IDisposable
{
    private readonly BunitContext _context = new();

    public PlaygroundBatchNormTests() => _context.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData("batchnorm=after-dropout", DropoutVariant.Bernoulli, BatchNormPlacement.AfterDropout, " --masks fixed --batchnorm after-dropout --iterations")]
    [InlineData("batchnorm=before-dropout", DropoutVariant.Bernoulli, BatchNormPlacement.BeforeDropout, " --masks fixed --batchnorm before-dropout --iterations")]
    [InlineData("dropout=dropconnect", DropoutVariant.DropConnect, BatchNormPlacement.None, " --masks fixed --dropout dropconnect --iterations")]
    [InlineData("batchnorm=after-dropout&dropout=dropconnect", DropoutVariant.DropConnect, BatchNormPlacement.AfterDropout, " --dropout dropconnect --batchnorm after-dropout --iterations")]
    [InlineData("batchnorm=none", DropoutVariant.Bernoulli, BatchNormPlacement.None, " --masks fixed --iterations")]
    public void TheUrlSetsThePlacementAndTheCommandNamesItUnlessDefault(string query, DropoutVariant dropout, BatchNormPlacement batchNorm, string inCommand)
    {
        PlaygroundQuery parsed = PlaygroundQuery.Parse("/?" + query);
        Assert.Empty(parsed.Errors);
        Assert.Equal(dropout, parsed.Settings.Dropout);
        Assert.Equal(batchNorm, parsed.Settings.BatchNorm);
        CourseSettings course = parsed.Settings.Course(parsed.Settings.Scaling);
        Assert.Equal(batchNorm, course.BatchNorm);
        course.Validate();
        string command = CliCommand.For(parsed.Settings, parsed.Settings.Scaling, null);
        Assert.Contains(inCommand, command, StringComparison.Ordinal);
        Assert.Equal(batchNorm, PlaygroundQuery.Parse("/?batchnorm=" + PlaygroundSettings.Name(batchNorm)).Settings.BatchNorm);
    }

    [Fact]
    public void DropConnectForcesInvertedScalingAndEndsCompareMode()
    {
        PlaygroundSettings dropConnect = (PlaygroundSettings.SeedTable with { Scaling = DropoutScaling.None }).WithDropout(DropoutVariant.DropConnect);
        Assert.Equal(DropoutScaling.Inverted, dropConnect.Scaling);
        Assert.False(dropConnect.Compare);
        Assert.Equal(HiddenActivation.Relu, dropConnect.Activation);
        Assert.Contains(DropoutVariant.DropConnect, PlaygroundSettings.Dropouts);
    }

    [Fact]
    public void ABadPlacementIsNamedAndSkipped()
    {
        PlaygroundQuery query = PlaygroundQuery.Parse("/?iterations=77&batchnorm=middle");
        Assert.Equal("URL parameter batchnorm=middle must be none, before-dropout, after-dropout; ignored.", Assert.Single(query.Errors));
        Assert.Equal(BatchNormPlacement.None, query.Settings.BatchNorm);
        Assert.Equal(77, query.Settings.Iterations);
    }

    [Fact]
    public void TheJsonDownloadNamesThePlacementAndTheVariant()
    {
        var session = new PlaygroundSession(PlaygroundQuery.Parse("/?dropout=dropconnect&batchnorm=before-dropout&iterations=20").Settings, null);
        session.Advance(0, 1e6);
        Assert.True(session.IsDone);
        string json = session.Json();
        Assert.Contains("\"dropout\": \"dropconnect\"", json, StringComparison.Ordinal);
        Assert.Contains("\"batchNorm\": \"before-dropout\"", json, StringComparison.Ordinal);
        var plain = new PlaygroundSession(new PlaygroundSettings { Iterations = 5 }, null);
        plain.Advance(0, 1e6);
        Assert.DoesNotContain("batchNorm", plain.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSelectorPlacesBatchNormAndTheBarsShowTheVarianceShift()
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?iterations=40");
        IRenderedComponent<PlaygroundPage> page = _context.Render<PlaygroundPage>();
        Assert.Empty(page.FindAll("[data-testid=variance-shift]"));
        Assert.Equal(["none", "before-dropout", "after-dropout"], page.FindAll("[data-testid=batchnorm] option").Select(o => o.GetAttribute("value")));

        page.Find("[data-testid=dropout]").Change("dropconnect");
        page.Find("[data-testid=batchnorm]").Change("after-dropout");
        page.WaitForAssertion(() => Assert.Equal(
            "dropout-lab course --keep-prob 0.86 --scaling inverted --masks fixed --dropout dropconnect --batchnorm after-dropout --iterations 40 --learning-rate 0.3 --print-every 100",
            page.Find("[data-testid=cli-command]").TextContent), BunitTimeouts.Render);
        Assert.True(page.Find("[data-testid=scaling]").HasAttribute("disabled"));

        page.Find("[data-testid=step]").Click();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=iteration]").TextContent), BunitTimeouts.Render);
        page.WaitForAssertion(() => Assert.StartsWith("BN input variance, dropout on/off: ×", page.Find("[data-testid=variance-shift]").TextContent, StringComparison.Ordinal), BunitTimeouts.Render);
        Assert.Equal(2, page.Find("[data-testid=variance-shift]").TextContent.Count(c => c == '×'));
        Assert.Empty(page.FindAll("[data-testid=error]"));

        page.Find("[data-testid=batchnorm]").Change("none");
        page.WaitForAssertion(() => Assert.DoesNotContain("--batchnorm", page.Find("[data-testid=cli-command]").TextContent, StringComparison.Ordinal), BunitTimeouts.Render);
    }

    [Fact]
    public void MomentBarsShowOneShiftPerBatchNorm()
    {
        HiddenLayerMoments[] moments = [new(0, 0.5, 1, 1, 2, 1), new(1, 0.5, 1, 1, 2, 1)];
        IRenderedComponent<MomentBars> bars = _context.Render<MomentBars>(parameters => parameters.Add(p => p.Moments, moments).Add(p => p.Shifts, [1.5, 1.25]));
        Assert.Equal("BN input variance, dropout on/off: ×1.50 ×1.25", bars.Find("[data-testid=variance-shift]").TextContent);
        IRenderedComponent<MomentBars> plain = _context.Render<MomentBars>(parameters => parameters.Add(p => p.Moments, moments));
        Assert.Empty(plain.FindAll("[data-testid=variance-shift]"));
        Assert.True(int.Parse(bars.Find("svg").GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(plain.Find("svg").GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
