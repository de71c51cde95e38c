using DropoutLab.Experiments;

namespace DropoutLab.Cli.Output;

/// <summary>The course notebook's printout: costs, then train and test accuracy.</summary>
public static class CourseText
{
    /// <summary>Writes <see cref="CourseReport.Text"/>: "Cost after iteration i: J" every <paramref name="printEvery"/> iterations, then the accuracies.</summary>
    public static void WriteRun(TextWriter output, CourseResult result, int printEvery)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(CourseReport.Text(result, printEvery));
    }

    /// <summary>Lists the plot files written, if any.</summary>
    public static void WritePlots(TextWriter output, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count > 0)
        {
            output.WriteLine($"Plots: {string.Join(", ", paths)}");
        }
    }
}
