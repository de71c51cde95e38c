using Bunit;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Playground.Components;
using DropoutLab.Playground.State;
using DropoutLab.Training;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DropoutLab.Playground.Tests;

/// <summary>The dropout-variant and activation selectors: settings, URL contract, CLI command and the page (bUnit).</summary>
public sealed class PlaygroundVariantTests : IDisposable
{
    private readonly BunitContext _context = new();

    public PlaygroundVariantTests() => _context.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData("dropout=gaussian", DropoutVariant.Gaussian, HiddenActivation.Relu, " --dropout gaussian --iterations")]
    [InlineData("dropout=gaussian&activation=selu", DropoutVariant.Gaussian, HiddenActivation.Selu, " --dropout gaussian --activation selu --iterations")]
    [InlineData("activation=selu&dropout=alpha", DropoutVariant.Alpha, HiddenActivation.Selu, " --dropout alpha --activation selu --iterations")]
    [InlineData("dropout=alpha", DropoutVariant.Alpha, HiddenActivation.Selu, " --dropout alpha --activation selu --iterations")]
    [InlineData("activation=selu", DropoutVariant.Bernoulli, HiddenActivation.Selu, " --activation selu --iterations")]
    [InlineData("dropout=bernoulli&activation=relu", DropoutVariant.Bernoulli, HiddenActivation.Relu, " --masks fixed --iterations")]
    public void TheUrlSetsTheVariantAndTheCommandNamesItUnlessDefault(string query, DropoutVariant dropout, HiddenActivation activation, string inCommand)
    {
        PlaygroundQuery parsed = PlaygroundQuery.Parse("/?" + query);
        Assert.Empty(parsed.Errors);
        Assert.Equal(dropout, parsed.Settings.Dropout);
        Assert.Equal(activation, parsed.Settings.Activation);
        CourseSettings course = parsed.Settings.Course(DropoutScaling.Inverted);
        Assert.Equal(dropout, course.Dropout);
        Assert.Equal(activation, course.Activation);
        course.Validate();
        string command = CliCommand.For(parsed.Settings, DropoutScaling.Inverted, null);
        Assert.Contains(inCommand, command, StringComparison.Ordinal);

        // Round trip: the names the command prints are the names the URL reads.
        string names = (dropout == DropoutVariant.Bernoulli ? string.Empty : $"dropout={PlaygroundSettings.Name(dropout)}&")
            + (activation == HiddenActivation.Relu ? string.Empty : $"activation={PlaygroundSettings.Name(activation)}");
        PlaygroundSettings again = PlaygroundQuery.Parse("/?" + names).Settings;
        Assert.Equal((dropout, activation), (again.Dropout, again.Activation));
    }

    [Fact]
    public void TheDefaultCommandNamesNoVariant()
    {
        string command = CliCommand.For(new PlaygroundSettings(), DropoutScaling.Inverted, null);
        Assert.DoesNotContain("--dropout", command, StringComparison.Ordinal);
        Assert.DoesNotContain("--activation", command, StringComparison.Ordinal);
    }

    [Fact]
    public void ChoosingANoiseVariantForcesInvertedScalingAndEndsCompareMode()
    {
        PlaygroundSettings seed = PlaygroundSettings.SeedTable with { Scaling = DropoutScaling.None };
        PlaygroundSettings gaussian = seed.WithDropout(DropoutVariant.Gaussian);
        Assert.Equal(DropoutScaling.Inverted, gaussian.Scaling);
        Assert.False(gaussian.Compare);
        Assert.Equal([DropoutScaling.Inverted], gaussian.Rules);
        Assert.Equal(HiddenActivation.Relu, gaussian.Activation);
        Assert.False(gaussian.ScalingChoosable);
        PlaygroundSettings alpha = seed.WithDropout(DropoutVariant.Alpha);
        Assert.Equal(HiddenActivation.Selu, alpha.Activation);
        Assert.Equal(DropoutScaling.Inverted, alpha.Scaling);
        Assert.True(alpha.WithDropout(DropoutVariant.Bernoulli).ScalingChoosable);
        Assert.Equal(DropoutScaling.None, seed.WithDropout(DropoutVariant.Bernoulli).Scaling);
    }

    [Theory]
    [InlineData("dropout=dropout", "dropout=dropout must be bernoulli, gaussian, alpha, dropconnect")]
    [InlineData("activation=tanh", "activation=tanh must be relu, selu")]
    [InlineData("dropout=alpha&activation=relu", "activation=relu cannot be used with dropout=alpha")]
    [InlineData("scaling=none&dropout=gaussian", "scaling=none cannot be used with dropout=gaussian")]
    [InlineData("dropout=alpha&compare=1", "compare=1 cannot be used with dropout=alpha")]
    [InlineData("versus=none&dropout=gaussian", "versus=none cannot be used with dropout=gaussian")]
    public void ABadVariantParameterIsNamedAndSkipped(string parameter, string message)
    {
        PlaygroundQuery query = PlaygroundQuery.Parse("/?iterations=77&" + parameter);
        string error = Assert.Single(query.Errors);
        Assert.StartsWith("URL parameter " + message, error, StringComparison.Ordinal);
        Assert.Equal(77, query.Settings.Iterations);
        new PlaygroundSession(query.Settings, null).Runs.Single().Run.Settings.Validate();
    }

    [Fact]
    public void TheJsonDownloadNamesTheVariant()
    {
        var session = new PlaygroundSession(PlaygroundQuery.Parse("/?dropout=alpha&iterations=20").Settings, null);
        session.Advance(0, 1e6);
        Assert.True(session.IsDone);
        string json = session.Json();
        Assert.Contains("\"dropout\": \"alpha\"", json, StringComparison.Ordinal);
        Assert.Contains("\"activation\": \"selu\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSelectorSwitchesToAlphaAndDisablesTheIncompatibleControls()
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?preset=seed-table&iterations=40");
        IRenderedComponent<PlaygroundPage> page = _context.Render<PlaygroundPage>();
        Assert.Equal(2, page.FindAll("[data-testid=cli-command]")[0].TextContent.Split('\n').Length);
        Assert.False(page.Find("[data-testid=scaling]").HasAttribute("disabled"));

        page.Find("[data-testid=dropout]").Change("alpha");
        page.WaitForAssertion(() => Assert.Equal(
            "dropout-lab course --keep-prob 0.86 --scaling inverted --masks fixed --dropout alpha --activation selu --iterations 40 --learning-rate 0.3 --print-every 100",
            page.Find("[data-testid=cli-command]").TextContent), BunitTimeouts.Render);
        Assert.True(page.Find("[data-testid=scaling]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=compare]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=versus]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=activation] option[value=relu]").HasAttribute("disabled"));
        Assert.Contains("inverted only", page.Find("[data-testid=scaling]").ParentElement!.GetAttribute("title"), StringComparison.Ordinal);

        page.Find("[data-testid=step]").Click();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=iteration]").TextContent), BunitTimeouts.Render);
        Assert.Equal(2, page.FindAll("[data-testid=mean-ratio]").Count);
        Assert.Equal(8, page.Find("[data-testid=moment-bars]").QuerySelectorAll("rect").Length);
        Assert.Empty(page.FindAll("[data-testid=error]"));
    }

    [Fact]
    public void TheSelectorChoosesGaussianWithSeluAndBackToBernoulli()
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?iterations=40&scaling=none");
        IRenderedComponent<PlaygroundPage> page = _context.Render<PlaygroundPage>();
        page.Find("[data-testid=dropout]").Change("gaussian");
        page.Find("[data-testid=activation]").Change("selu");
        page.WaitForAssertion(() => Assert.Contains("--scaling inverted --masks fixed --dropout gaussian --activation selu ", page.Find("[data-testid=cli-command]").TextContent, StringComparison.Ordinal), BunitTimeouts.Render);
        Assert.False(page.Find("[data-testid=activation] option[value=relu]").HasAttribute("disabled"));
        page.Find("[data-testid=dropout]").Change("bernoulli");
        page.WaitForAssertion(() => Assert.Contains("--scaling inverted --masks fixed --activation selu ", page.Find("[data-testid=cli-command]").TextContent, StringComparison.Ordinal), BunitTimeouts.Render);
        Assert.False(page.Find("[data-testid=scaling]").HasAttribute("disabled"));
    }

    [Fact]
    public void MomentBarsDrawNegativeMeansByTheirSize()
    {
        HiddenLayerMoments[] moments = [new(0, 0.9, -0.5, -0.25, 1.0, 1.0)];
        IRenderedComponent<MomentBars> bars = _context.Render<MomentBars>(parameters => parameters.Add(p => p.Moments, moments));
        var rects = bars.FindAll("rect");
        Assert.Equal(double.Parse(rects[0].GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture), 2 * double.Parse(rects[1].GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal(["×0.500"], bars.FindAll("[data-testid=mean-ratio]").Select(e => e.TextContent));
    }
}
