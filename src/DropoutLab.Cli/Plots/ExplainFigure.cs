using System.Globalization;
using DropoutLab.Explain;
using ScottPlot;

namespace DropoutLab.Cli.Plots;

/// <summary>
/// The <c>explain --plot</c> figure: one row per rule with the histogram of z = w·y + b over the trials (fraction of
/// trials at each value of z), the no-dropout value w·a + b, the training mean E[z] and the value z takes at inference.
/// All rows share one x axis, so a shift between training and inference is seen at a glance.
/// </summary>
public static class ExplainFigure
{
    private const int Bins = 80;

    /// <summary>Builds the figure; <paramref name="result"/> must hold the z samples.</summary>
    public static Multiplot Build(ExplainResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double target = result.NoDropoutZ;
        double[] marks = [target, .. result.Rules.SelectMany(r => new[] { r.NextLayer.Inference, r.NextLayer.AnalyticMean })];
        double[] all = [.. marks, .. result.Rules.SelectMany(r => r.NextLayer.Samples)];
        double low = all.Min(), high = all.Max();
        double pad = Math.Max((high - low) * 0.06, 1e-3 * Math.Max(1.0, Math.Abs(high)));
        low -= pad;
        high += pad;
        double width = (high - low) / Bins;

        var multiplot = new Multiplot();
        multiplot.RemovePlot(multiplot.GetPlot(0));
        foreach (RuleReport report in result.Rules)
        {
            var plot = new Plot();
            double tallest = AddHistogram(plot, report.NextLayer.Samples, low, width);
            NextLayerStatistics z = report.NextLayer;
            AddLine(plot, target, Colors.Black, LinePattern.Solid, $"no dropout w·a + b = {F(target)}");
            AddLine(plot, z.AnalyticMean, Colors.DarkOrange, LinePattern.Dotted, $"training mean E[z] = {F(z.AnalyticMean)}");
            AddLine(plot, z.Inference, Colors.Crimson, LinePattern.Dashed, $"inference z = {F(z.Inference)}");
            plot.Title(Title(report, result.Settings.KeepProb), 13);
            plot.YLabel("fraction of trials", 11);
            // Fixed limits: every row on the same x axis, with head room for the legend.
            plot.Axes.SetLimits(low, high, 0, Math.Max(tallest, 0.05) * 1.6);
            plot.Legend.FontSize = 11;
            plot.Legend.Alignment = Alignment.UpperLeft;
            plot.ShowLegend();
            multiplot.AddPlot(plot);
        }

        Plot last = multiplot.GetPlot(multiplot.Count() - 1);
        last.XLabel($"z = w·y + b over {Plural.Of(result.Settings.Trials, "trial")} (keep_prob = {F(result.Settings.KeepProb)})", 12);
        return multiplot;
    }

    // Adds the bars (fraction of trials) and returns the tallest fraction. z takes at most 2ⁿ values; when there are
    // no more than the bin count, each value gets its own bar at its exact position, otherwise the trials are binned.
    private static double AddHistogram(Plot plot, IReadOnlyList<double> samples, double low, double width)
    {
        double total = Math.Max(1, samples.Count);
        var atoms = new Dictionary<double, long>();
        foreach (double sample in samples)
        {
            double key = Math.Round(sample, 9);
            atoms[key] = atoms.GetValueOrDefault(key) + 1;
            if (atoms.Count > Bins)
            {
                break;
            }
        }

        IEnumerable<(double Position, long Count)> heights;
        if (atoms.Count <= Bins)
        {
            heights = atoms.Select(pair => (pair.Key, pair.Value));
        }
        else
        {
            var counts = new long[Bins];
            foreach (double sample in samples)
            {
                counts[Math.Clamp((int)((sample - low) / width), 0, Bins - 1)]++;
            }

            heights = counts.Select((count, b) => (low + ((b + 0.5) * width), count));
        }

        var bars = new List<Bar>();
        foreach ((double position, long count) in heights.Where(h => h.Count > 0))
        {
            bars.Add(new Bar { Position = position, Value = count / total, Size = width * 0.9, FillColor = Colors.SteelBlue, LineWidth = 0 });
        }

        plot.Add.Bars(bars);
        return bars.Count == 0 ? 0.0 : bars.Max(bar => bar.Value);
    }

    private static void AddLine(Plot plot, double x, Color color, LinePattern pattern, string label)
    {
        var line = plot.Add.VerticalLine(x, 2.5f, color, pattern);
        line.LegendText = label;
    }

    private static string Title(RuleReport report, double keep) => report.Rule switch
    {
        ExplainRule.NoDropout => "no-dropout: z is always w·a + b",
        ExplainRule.Unscaled => $"unscaled (y = m·a): trained around {F(report.NextLayer.AnalyticMean)}, used at {F(report.NextLayer.Inference)}, the mismatch",
        ExplainRule.Inverted => $"inverted (y = m·a/{F(keep)}): trained and used at {F(report.NextLayer.Inference)}",
        ExplainRule.AtInference => $"at-inference (y = m·a, then {F(keep)}·a): trained and used at {F(report.NextLayer.Inference)}",
        _ => report.Rule.ToName(),
    };

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
