using System.Globalization;
using DropoutLab.Uci;
using ScottPlot;

namespace DropoutLab.Cli.Plots;

/// <summary>
/// The predictive uncertainty of one split's test rows: the points sorted by their Monte-Carlo predictive mean, the
/// truth as dots, the mean as a line and the band mean ± 2 predictive standard deviations (√(sample variance + 1/τ)).
/// </summary>
public static class UciUncertaintyPlot
{
    /// <summary>Width of the figure in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of the figure in pixels.</summary>
    public const int Height = 500;

    /// <summary>Builds the figure of <paramref name="split"/> (which must carry its test predictions).</summary>
    public static Plot Build(string dataset, UciSplitResult split)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(split);
        UciTestPredictions predictions = split.TestPredictions ?? throw new ArgumentException("the split carries no test predictions.", nameof(split));
        int[] order = [.. Enumerable.Range(0, predictions.Mean.Count).OrderBy(i => predictions.Mean[i]).ThenBy(i => i)];
        double[] position = [.. Enumerable.Range(0, order.Length).Select(i => (double)i)];
        double[] mean = [.. order.Select(i => predictions.Mean[i])];
        double[] lower = [.. order.Select(i => predictions.Mean[i] - (2 * predictions.StandardDeviation[i]))];
        double[] upper = [.. order.Select(i => predictions.Mean[i] + (2 * predictions.StandardDeviation[i]))];
        double[] truth = [.. order.Select(i => predictions.Targets[i])];

        var plot = new Plot();
        var band = plot.Add.FillY(position, upper, lower);
        band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        band.LineWidth = 0;
        band.LegendText = "mean ± 2 predictive std";
        var line = plot.Add.ScatterLine(position, mean, Colors.SteelBlue);
        line.LineWidth = 2;
        line.LegendText = "predictive mean";
        var points = plot.Add.ScatterPoints(position, truth, Colors.OrangeRed);
        points.MarkerSize = 5;
        points.MarkerShape = MarkerShape.FilledCircle;
        points.LegendText = "target";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{dataset}, split {split.Split}: MC dropout, dropout rate {split.DropoutRate:0.####}, τ {split.Tau:0.####}"), 14);
        plot.XLabel("test points, sorted by predicted mean", 13);
        plot.YLabel("target", 13);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
