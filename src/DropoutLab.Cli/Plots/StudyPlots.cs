using System.Globalization;
using DropoutLab.Layers;
using DropoutLab.Study;
using ScottPlot;

namespace DropoutLab.Cli.Plots;

/// <summary>The study's figures, one per file: test log-loss against depth, and activation ratio against layer.</summary>
public static class StudyPlots
{
    /// <summary>Figure size in pixels.</summary>
    public const int Width = 800;

    /// <summary>Figure size in pixels.</summary>
    public const int Height = 500;

    /// <summary>The (training rule, inference rule) curves the study has, in a fixed order.</summary>
    public static IReadOnlyList<(DropoutScaling Scaling, InferenceRule Rule)> Curves(StudySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var curves = new List<(DropoutScaling, InferenceRule)>();
        foreach (DropoutScaling scaling in settings.Scalings)
        {
            curves.AddRange(StudyRun.RulesFor(scaling).Select(rule => (scaling, rule)));
        }

        return curves;
    }

    /// <summary>"inverted", "none (plain)" or "none, ×keepProb at inference".</summary>
    public static string CurveName(DropoutScaling scaling, InferenceRule rule) => (scaling, rule) switch
    {
        (DropoutScaling.Inverted, _) => "inverted",
        (_, InferenceRule.Plain) => "none (plain)",
        _ => "none, ×keep-prob at inference",
    };

    /// <summary>The file stem for a keep-prob, e.g. "keep0.5".</summary>
    public static string KeepSuffix(double keepProb) => "keep" + keepProb.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Test log-loss (mean ± std over seeds) against depth, one curve per rule, at one keep-prob.</summary>
    public static Plot LogLossByDepth(StudyResult result, double keepProb)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        double[] depths = [.. result.Settings.Depths.Order().Select(d => (double)d)];
        foreach ((DropoutScaling scaling, InferenceRule rule) in Curves(result.Settings))
        {
            StudyRow[] rows = [.. depths.Select(d => result.Find((int)d, keepProb, scaling, rule)!)];
            double[] means = [.. rows.Select(r => r.TestLogLoss.Mean)];
            double[] stds = [.. rows.Select(r => r.TestLogLoss.Std)];
            var scatter = plot.Add.Scatter(depths, means);
            scatter.LegendText = CurveName(scaling, rule);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            var bars = plot.Add.ErrorBar(depths, means, stds);
            bars.Color = scatter.Color;
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Test log-loss against depth (keep-prob {keepProb}, {result.Settings.Seeds} seeds)"));
        plot.XLabel("hidden layers");
        plot.YLabel("test log-loss (mean ± std)");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(depths, [.. depths.Select(d => d.ToString(CultureInfo.InvariantCulture))]);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>
    /// Activation ratio μₗ(inference)/E[μₗ(training)] against layer l for the deepest network, one curve per rule,
    /// with 1 (train and test agree) as a dashed line.
    /// </summary>
    public static Plot ActivationRatioByLayer(StudyResult result, double keepProb)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        int depth = result.Settings.Depths.Max();
        double[] layers = [.. Enumerable.Range(1, depth).Select(l => (double)l)];
        foreach ((DropoutScaling scaling, InferenceRule rule) in Curves(result.Settings))
        {
            StudyRow row = result.Find(depth, keepProb, scaling, rule)!;
            var scatter = plot.Add.Scatter(layers, [.. row.ActivationRatio]);
            scatter.LegendText = CurveName(scaling, rule);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
        }

        var one = plot.Add.HorizontalLine(1.0);
        one.LinePattern = LinePattern.Dashed;
        one.Color = Colors.Gray;
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Mean activation at inference / during training ({depth} hidden layers, keep-prob {keepProb})"));
        plot.XLabel("hidden layer");
        plot.YLabel("activation ratio");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(layers, [.. layers.Select(l => l.ToString(CultureInfo.InvariantCulture))]);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
