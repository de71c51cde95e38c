using System.Text.Json;
using DropoutLab.Formatting;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>The JSON report of <c>dropout-lab evaluate --json</c>.</summary>
public static class EvaluationJson
{
    /// <summary>
    /// Writes {"examples", "accuracy", "logLoss", "ece", "confusion": [[...]]} (confusion[actual][predicted]), and for a
    /// model with batch normalization "varianceShift": [{"layer", "units", "dropoutOnOverOff", "runningOverInference",
    /// "meanDropoutOnOverOff", "meanRunningOverInference"}] (medians, then means, over the units whose inference variance is not 0).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, EvaluationReport report, IReadOnlyList<VarianceShift>? shifts = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteNumber("examples", report.Count);
        writer.WriteReal("accuracy", report.Accuracy);
        writer.WriteReal("logLoss", report.LogLoss);
        writer.WriteReal("ece", report.ExpectedCalibrationError);
        writer.WriteStartArray("confusion");
        foreach (int[] row in report.Confusion)
        {
            writer.WriteStartArray();
            foreach (int count in row)
            {
                writer.WriteNumberValue(count);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        if (shifts is { Count: > 0 })
        {
            writer.WriteStartArray("varianceShift");
            foreach (VarianceShift shift in shifts)
            {
                VarianceShiftJson.Write(writer, shift);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
