using DropoutLab.Data;
using DropoutLab.Experiments;

namespace DropoutLab.Cli.Plots;

/// <summary>The <c>--plots DIR</c> output of <c>course</c> and <c>reproduce</c>: cost curve and decision boundary, PNG and SVG.</summary>
public static class CoursePlots
{
    /// <summary>Default size of each figure.</summary>
    public static readonly PlotSize DefaultSize = new(800, 600);

    /// <summary>Throws <see cref="UsageException"/> unless <paramref name="folder"/> is an existing folder (not a file) and <paramref name="train"/> has two features.</summary>
    public static void Check(string folder, Dataset train)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(train);
        if (File.Exists(folder))
        {
            throw new UsageException($"--plots: '{folder}' is a file, not a folder.");
        }

        if (!Directory.Exists(folder))
        {
            throw new UsageException($"--plots: folder '{folder}' does not exist.");
        }

        if (train.FeatureCount != 2)
        {
            throw new UsageException($"--plots: the decision boundary needs 2 feature columns, but '{train.Source}' has {train.FeatureCount}.");
        }
    }

    /// <summary>The names <see cref="Write"/> writes: cost{suffix}.png|svg and decision-boundary{suffix}.png|svg.</summary>
    public static IReadOnlyList<string> FileNames(string suffix) =>
        [$"cost{suffix}.png", $"cost{suffix}.svg", $"decision-boundary{suffix}.png", $"decision-boundary{suffix}.svg"];

    /// <summary>Writes DIR/cost{suffix}.png|svg and DIR/decision-boundary{suffix}.png|svg; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string folder, string suffix, CourseResult result, Dataset train, PlotSize size)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var written = new List<string>();
        foreach ((string name, ScottPlot.Plot plot) in new[]
        {
            ("cost" + suffix, CostCurvePlot.Build(result)),
            ("decision-boundary" + suffix, DecisionBoundaryPlot.Build(result, train)),
        })
        {
            PlotWriter.SavePngAndSvg(plot, folder, name, size.Width, size.Height);
            written.Add(Path.Combine(folder, name + ".png"));
            written.Add(Path.Combine(folder, name + ".svg"));
        }

        return written;
    }
}
