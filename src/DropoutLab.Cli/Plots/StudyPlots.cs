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

    /// <summary>One colour per curve, the same in every figure.</summary>
    public static Color CurveColor(DropoutScaling scaling, InferenceRule rule) => (scaling, rule) switch
    {
        (DropoutScaling.Inverted, _) => Colors.RoyalBlue,
        (_, InferenceRule.Plain) => Colors.OrangeRed,
        _ => Colors.SeaGreen,
    };

    /// <summary>The file stem for a keep-prob, e.g. "keep0.5".</summary>
    public static string KeepSuffix(double keepProb) => "keep" + keepProb.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Test log-loss (mean over seeds) against depth on a log₂ axis, one curve per rule, at one keep-prob.</summary>
    public static Plot LogLossByDepth(StudyResult result, double keepProb)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        double[] depths = [.. result.Settings.Depths.Order().Select(d => (double)d)];
        var all = new List<double>();
        foreach ((DropoutScaling scaling, InferenceRule rule) in Curves(result.Settings))
        {
            double[] means = [.. depths.Select(d => result.Find((int)d, keepProb, scaling, rule)!.TestLogLoss.Mean)];
            all.AddRange(means);
            AddCurve(plot, depths, means, scaling, rule);
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Test log-loss against depth (keep-prob {keepProb}, mean of {Plural.Of(result.Settings.Seeds, "seed")})"));
        plot.XLabel("hidden layers");
        plot.YLabel("test log-loss (log scale)");
        ManualTicks(plot.Axes.Bottom, depths);
        Log2Axis(plot, all);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>
    /// Activation ratio μₗ(inference)/E[μₗ(training)] against layer l for the deepest network on a log₂ axis, one
    /// curve per rule, with 1 (train and test agree) as a dashed line.
    /// </summary>
    public static Plot ActivationRatioByLayer(StudyResult result, double keepProb)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        int depth = result.Settings.Depths.Max();
        double[] layers = [.. Enumerable.Range(1, depth).Select(l => (double)l)];
        var all = new List<double> { 1.0 };
        foreach ((DropoutScaling scaling, InferenceRule rule) in Curves(result.Settings))
        {
            double[] ratios = [.. result.Find(depth, keepProb, scaling, rule)!.ActivationRatio];
            all.AddRange(ratios);
            AddCurve(plot, layers, ratios, scaling, rule);
        }

        var one = plot.Add.HorizontalLine(0.0);
        one.LinePattern = LinePattern.Dashed;
        one.Color = Colors.Gray;
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Mean activation at inference / during training ({depth} hidden layers, keep-prob {keepProb})"));
        plot.XLabel("hidden layer");
        plot.YLabel("activation ratio (log scale)");
        ManualTicks(plot.Axes.Bottom, layers);
        Log2Axis(plot, all);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    // Plots log₂ of the values (NaN points, e.g. a dead layer, are left out).
    private static void AddCurve(Plot plot, double[] xs, double[] values, DropoutScaling scaling, InferenceRule rule)
    {
        int[] finite = [.. Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i]) && values[i] > 0)];
        var scatter = plot.Add.Scatter(finite.Select(i => xs[i]).ToArray(), finite.Select(i => Math.Log2(values[i])).ToArray());
        scatter.LegendText = CurveName(scaling, rule);
        scatter.Color = CurveColor(scaling, rule);
        scatter.LineWidth = 2;
        scatter.MarkerSize = 7;
    }

    private static void ManualTicks(IAxis axis, double[] positions) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. positions.Select(p => p.ToString(CultureInfo.InvariantCulture))]);

    // The y axis shows log₂ values; ticks at the powers of two that span the data, labelled with the value itself.
    private static void Log2Axis(Plot plot, IEnumerable<double> values)
    {
        double[] positive = [.. values.Where(v => double.IsFinite(v) && v > 0)];
        int low = positive.Length == 0 ? -1 : (int)Math.Floor(Math.Log2(positive.Min()));
        int high = positive.Length == 0 ? 1 : (int)Math.Ceiling(Math.Log2(positive.Max()));
        if (high <= low)
        {
            high = low + 1;
        }

        double[] ticks = [.. Enumerable.Range(low, high - low + 1).Select(e => (double)e)];
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(e => Math.Pow(2, e).ToString("0.###", CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(low - 0.2, high + 0.2);
    }
}
