using DropoutLab.Experiments;

namespace DropoutLab.Cli.Output;

/// <summary>The course notebook's printout: costs, then train and test accuracy.</summary>
public static class CourseText
{
    /// <summary>Writes "Cost after iteration i: J" every <paramref name="printEvery"/> iterations, then the accuracies.</summary>
    public static void WriteRun(TextWriter output, CourseResult result, int printEvery)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        foreach (CostPoint point in result.Costs.Where(point => point.Iteration % printEvery == 0))
        {
            output.WriteLine($"Cost after iteration {point.Iteration}: {PyFloat.Format(point.Cost)}");
        }

        output.WriteLine("On the train set:");
        output.WriteLine($"Accuracy: {PyFloat.Format(result.TrainAccuracy)}");
        output.WriteLine("On the test set:");
        output.WriteLine($"Accuracy: {PyFloat.Format(result.TestAccuracy)}");
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
