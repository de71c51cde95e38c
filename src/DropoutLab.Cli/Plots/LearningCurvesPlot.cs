using ScottPlot;

namespace DropoutLab.Cli.Plots;

/// <summary>One labelled run's per-epoch test metric, read from <c>train --json</c> output.</summary>
public sealed record LearningCurve(string Label, IReadOnlyList<double> Epochs, IReadOnlyList<double> TestAccuracy, IReadOnlyList<double> TestLoss);

/// <summary>Test accuracy (top) and test log-loss (bottom) against epoch for several training runs.</summary>
public static class LearningCurvesPlot
{
    /// <summary>Builds the two panels, stacked.</summary>
    public static Multiplot Build(IReadOnlyList<LearningCurve> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        Color[] palette = [Colors.SteelBlue, Colors.OrangeRed, Colors.SeaGreen, Colors.Purple, Colors.DarkGoldenRod];
        var accuracy = new Plot();
        var loss = new Plot();
        for (int i = 0; i < curves.Count; i++)
        {
            LearningCurve curve = curves[i];
            Color color = palette[i % palette.Length];
            var top = accuracy.Add.Scatter(curve.Epochs.ToArray(), curve.TestAccuracy.ToArray(), color);
            top.LegendText = curve.Label;
            top.LineWidth = 2;
            var bottom = loss.Add.Scatter(curve.Epochs.ToArray(), curve.TestLoss.ToArray(), color);
            bottom.LegendText = curve.Label;
            bottom.LineWidth = 2;
        }

        accuracy.Title("Test accuracy per epoch", 14);
        accuracy.YLabel("test accuracy", 13);
        loss.Title("Test log-loss per epoch", 14);
        loss.YLabel("test log-loss", 13);
        loss.XLabel("epoch", 13);
        accuracy.ShowLegend(Alignment.LowerRight);
        loss.ShowLegend(Alignment.UpperCenter);
        var figure = new Multiplot();
        figure.RemovePlot(figure.GetPlot(0));
        figure.AddPlot(accuracy);
        figure.AddPlot(loss);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        return figure;
    }
}
