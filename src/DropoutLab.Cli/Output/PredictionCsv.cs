using System.Globalization;
using System.Text;
using DropoutLab.Data;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The output file of <c>dropout-lab predict</c>: header <c>predicted,p0,…,p{C−1}</c> (plus <c>uncertainty,entropy</c>
/// with Monte-Carlo passes), then one row per input row in order; numbers in shortest round-trip form.
/// </summary>
public static class PredictionCsv
{
    /// <summary>Writes <paramref name="predictions"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Predictions predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            Write(writer, predictions);
        });
    }

    /// <summary>Writes the CSV text to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, Predictions predictions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(predictions);
        int classes = predictions.ClassCount;
        bool monteCarlo = predictions.Uncertainty is not null && predictions.Entropy is not null;
        var line = new StringBuilder("predicted");
        for (int k = 0; k < classes; k++)
        {
            line.Append(",p").Append(k.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteLine(monteCarlo ? line.Append(",uncertainty,entropy").ToString() : line.ToString());
        for (int j = 0; j < predictions.Count; j++)
        {
            line.Clear().Append(predictions.Predicted[j].ToString(CultureInfo.InvariantCulture));
            for (int k = 0; k < classes; k++)
            {
                line.Append(',').Append(Format(predictions.Probabilities[k, j]));
            }

            if (monteCarlo)
            {
                line.Append(',').Append(Format(predictions.Uncertainty![j])).Append(',').Append(Format(predictions.Entropy![j]));
            }

            writer.WriteLine(line.ToString());
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
