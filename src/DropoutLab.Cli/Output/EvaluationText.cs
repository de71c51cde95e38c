using System.Globalization;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>The human-readable report of <c>dropout-lab evaluate</c>.</summary>
public static class EvaluationText
{
    /// <summary>Writes the metrics, the variance shift of each batch normalization (if any), then the confusion matrix as an aligned table.</summary>
    public static void Write(TextWriter output, string modelPath, string modelDescription, string dataSource, EvaluationReport report, IReadOnlyList<VarianceShift>? shifts = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"model     {modelPath} ({modelDescription})");
        output.WriteLine($"data      {dataSource} ({Plural.Of(report.Count, "example")})");
        output.WriteLine(string.Create(c, $"accuracy  {report.Accuracy:F4} ({Correct(report)}/{report.Count})"));
        output.WriteLine(string.Create(c, $"log-loss  {report.LogLoss:F4} (mean -ln p of the true class)"));
        output.WriteLine(string.Create(c, $"ECE       {report.ExpectedCalibrationError:F4} (10 confidence bins)"));
        foreach (VarianceShift shift in shifts ?? [])
        {
            output.WriteLine(string.Create(
                c,
                $"variance  BatchNorm {shift.Layer}'s input: {shift.MedianDropoutOnOverOff:F3}× its inference variance with dropout on, its running variance {shift.MedianRunningOverInference:F3}× (medians over {Plural.Of(shift.CountedUnits, "unit")}; means {shift.MeanDropoutOnOverOff:F3}× and {shift.MeanRunningOverInference:F3}×)"));
        }

        output.WriteLine();
        WriteConfusion(output, report.Confusion);
    }

    /// <summary>
    /// Rows are the actual class, columns the predicted class, e.g.
    /// <code>
    /// actual \ predicted    0    1
    ///                  0   97    3
    ///                  1    2   98
    /// </code>
    /// </summary>
    public static void WriteConfusion(TextWriter output, int[][] confusion)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(confusion);
        const string corner = "actual \\ predicted";
        int classes = confusion.Length;
        int width = Math.Max(
            (classes - 1).ToString(CultureInfo.InvariantCulture).Length,
            confusion.SelectMany(row => row).DefaultIfEmpty(0).Max().ToString(CultureInfo.InvariantCulture).Length) + 2;
        var line = new System.Text.StringBuilder(corner);
        for (int k = 0; k < classes; k++)
        {
            line.Append(k.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }

        output.WriteLine(line.ToString());
        for (int actual = 0; actual < classes; actual++)
        {
            line.Clear().Append(actual.ToString(CultureInfo.InvariantCulture).PadLeft(corner.Length));
            foreach (int count in confusion[actual])
            {
                line.Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            output.WriteLine(line.ToString());
        }
    }

    private static int Correct(EvaluationReport report) => Enumerable.Range(0, report.Confusion.Length).Sum(k => report.Confusion[k][k]);
}
