using Bunit;
using DropoutLab.Experiments;
using DropoutLab.Playground.Components;
using DropoutLab.Playground.State;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DropoutLab.Playground.Tests;

/// <summary>The page's components rendered by bUnit (no browser; JavaScript calls are accepted and ignored).</summary>
public sealed class ComponentTests : IDisposable
{
    private readonly BunitContext _context = new();

    public ComponentTests() => _context.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose() => _context.Dispose();

    [Fact]
    public void MomentBarsShowEachLayersRatios()
    {
        HiddenLayerMoments[] moments = [new(0, 0.86, 1.0, 1.0 / 0.86, 0.5, 0.4), new(1, 0.5, 0.25, 0.25, 2.0, 1.0)];
        IRenderedComponent<MomentBars> bars = _context.Render<MomentBars>(parameters => parameters.Add(p => p.Moments, moments));
        Assert.Equal(["×1.163", "×1.000"], bars.FindAll("[data-testid=mean-ratio]").Select(e => e.TextContent));
        Assert.Equal(["×1.250", "×2.000"], bars.FindAll("[data-testid=variance-ratio]").Select(e => e.TextContent));
        Assert.Equal(8, bars.FindAll("rect").Count);
    }

    [Fact]
    public void TheCostChartDrawsOneCurvePerRunWithEveryRecordedCost()
    {
        var session = new PlaygroundSession(new PlaygroundSettings { Iterations = 300, Compare = true }, null);
        session.Advance(0, 1e6);
        IRenderedComponent<CostChart> chart = _context.Render<CostChart>(parameters => parameters
            .Add(p => p.Runs, session.Runs)
            .Add(p => p.Colors, ["red", "blue"]));
        var curves = chart.FindAll("[data-testid=cost-curve]");
        Assert.Equal(2, curves.Count);
        Assert.All(curves, curve => Assert.Equal(3, curve.GetAttribute("points")!.Trim().Split(' ').Length));
        Assert.NotEqual(curves[0].GetAttribute("points"), curves[1].GetAttribute("points"));
    }

    [Fact]
    public void ThePageReadsItsUrlAndSteps()
    {
        _context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?keepProb=0.5&scaling=none&depth=3&iterations=40");
        IRenderedComponent<PlaygroundPage> page = _context.Render<PlaygroundPage>();
        Assert.Equal(
            "dropout-lab course --hidden 20,3,3 --keep-prob 0.5 --scaling none --masks fixed --iterations 40 --learning-rate 0.3 --print-every 100",
            page.Find("[data-testid=cli-command]").TextContent);
        page.Find("[data-testid=step]").Click();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=iteration]").TextContent), BunitTimeouts.Render);
        Assert.Equal(3, page.FindAll("[data-testid=mean-ratio]").Count);
        Assert.Empty(page.FindAll("[data-testid=error]"));
    }
}
