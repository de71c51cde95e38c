using System.Globalization;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using ScottPlot;

namespace DropoutLab.Cli.Plots;

/// <summary>The course's cost chart: the cost J every 1000 iterations, x axis in thousands of iterations.</summary>
public static class CostCurvePlot
{
    /// <summary>Iterations between plotted costs, as in the course.</summary>
    public const int Every = 1000;

    /// <summary>Builds the chart of <paramref name="result"/>.</summary>
    public static Plot Build(CourseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        CostPoint[] points = [.. result.Costs.Where(point => point.Iteration % Every == 0)];
        var plot = new Plot();
        double[] thousands = [.. points.Select(point => point.Iteration / (double)Every)];
        double[] costs = [.. points.Select(point => point.Cost)];
        var line = plot.Add.Scatter(thousands, costs, Colors.SteelBlue);
        line.LineWidth = 2;
        line.MarkerSize = 4;
        plot.Title($"Learning rate = {F(result.Settings.LearningRate)}, {Describe(result.Settings)}", 14);
        plot.XLabel("iterations (x1,000)", 13);
        plot.YLabel("cost", 13);
        return plot;
    }

    /// <summary>"keep_prob = 0.86 (inverted, fixed masks)" or "no dropout", plus λ when used.</summary>
    public static string Describe(CourseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string dropout = settings.KeepProb < 1.0
            ? $"keep_prob = {F(settings.KeepProb)} ({settings.Scaling.ToName()} scaling, {(settings.Masks == MaskPolicy.Fixed ? "fixed" : "fresh")} masks)"
            : "no dropout";
        return settings.Lambd > 0 ? $"{dropout}, λ = {F(settings.Lambd)}" : dropout;
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
