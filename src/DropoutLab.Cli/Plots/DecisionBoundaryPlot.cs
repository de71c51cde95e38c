using System.Globalization;
using DropoutLab.Data;
using DropoutLab.Experiments;
using ScottPlot;

namespace DropoutLab.Cli.Plots;

/// <summary>
/// The course's plot_decision_boundary figure: the class the trained network predicts (P(y = 1) &gt; 0.5) over a
/// grid of the football field, and the training points coloured by their label.
/// </summary>
public static class DecisionBoundaryPlot
{
    private static readonly Color Class0Area = Color.FromHex("#F4B6A8");
    private static readonly Color Class1Area = Color.FromHex("#AFCBEA");
    private static readonly Color Class0Point = Color.FromHex("#C0392B");
    private static readonly Color Class1Point = Color.FromHex("#1F5FA8");

    /// <summary>Builds the figure for the network of <paramref name="result"/> and the points of <paramref name="train"/>.</summary>
    public static Plot Build(CourseResult result, Dataset train)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(train);
        DecisionGrid grid = DecisionGrid.Evaluate(result.Network, train);
        int rows = grid.X2.Count, columns = grid.X1.Count;
#pragma warning disable CA1814 // the heatmap takes a rectangular array
        var classes = new double[rows, columns];
#pragma warning restore CA1814
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                classes[r, c] = grid.Probability[r, c] > 0.5 ? 1.0 : 0.0;
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(classes);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([Class0Area, Class1Area]);
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.FlipVertically = true; // row 0 is the lowest x₂
        double dx = (grid.X1[^1] - grid.X1[0]) / (columns - 1), dy = (grid.X2[^1] - grid.X2[0]) / (rows - 1);
        heatmap.Extent = new CoordinateRect(grid.X1[0] - (dx / 2), grid.X1[^1] + (dx / 2), grid.X2[0] - (dy / 2), grid.X2[^1] + (dy / 2));

        for (int label = 0; label <= 1; label++)
        {
            int[] members = [.. Enumerable.Range(0, train.Count).Where(j => train.Labels[j] == label)];
            double[] x1 = [.. members.Select(j => train.Features[0, j])];
            double[] x2 = [.. members.Select(j => train.Features[1, j])];
            var points = plot.Add.ScatterPoints(x1, x2, label == 0 ? Class0Point : Class1Point);
            points.MarkerSize = 7;
            points.MarkerShape = MarkerShape.FilledCircle;
            points.LegendText = label == 0 ? "y = 0 (training point)" : "y = 1 (training point)";
        }

        plot.Title($"Decision boundary: {CostCurvePlot.Describe(result.Settings)}, test accuracy {F(result.TestAccuracy)}", 14);
        plot.XLabel("x1", 13);
        plot.YLabel("x2", 13);
        plot.Axes.SetLimits(grid.X1[0], grid.X1[^1], grid.X2[0], grid.X2[^1]);
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return plot;
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
