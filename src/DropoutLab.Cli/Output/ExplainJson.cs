using System.Text.Json;
using DropoutLab.Explain;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The <c>explain --json</c> document: {"keepProb", "trials", "seed", "activations", "modes": [{"mode", "train":
/// {...}, "inference": {"value"}}], "nextLayer": {"weights", "bias", "modes": [...]}}. Undefined estimates (a
/// variance from one trial) are null.
/// </summary>
public static class ExplainJson
{
    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, ExplainResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        ExplainSettings settings = result.Settings;
        writer.WriteStartObject();
        writer.WriteNumber("keepProb", settings.KeepProb);
        writer.WriteNumber("trials", settings.Trials);
        writer.WriteNumber("seed", settings.Seed);
        WriteArray(writer, "activations", settings.Activations);
        writer.WriteStartArray("modes");
        foreach (RuleReport report in result.Rules)
        {
            UnitStatistics units = report.Units;
            writer.WriteStartObject();
            writer.WriteString("mode", report.Rule.ToName());
            writer.WriteNumber("mismatch", report.Mismatch);
            writer.WriteStartObject("train");
            WriteArray(writer, "analyticMean", units.AnalyticMean);
            WriteArray(writer, "analyticVariance", units.AnalyticVariance);
            WriteArray(writer, "empiricalMean", units.EmpiricalMean);
            WriteArray(writer, "empiricalVariance", units.EmpiricalVariance);
            writer.WriteStartArray("ci95");
            foreach (Interval interval in units.Ci95)
            {
                WriteInterval(writer, interval);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("inference");
            WriteArray(writer, "value", units.Inference);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("nextLayer");
        WriteArray(writer, "weights", settings.Weights);
        writer.WriteNumber("bias", settings.Bias);
        writer.WriteNumber("noDropout", result.NoDropoutZ);
        writer.WriteStartArray("modes");
        foreach (RuleReport report in result.Rules)
        {
            NextLayerStatistics z = report.NextLayer;
            writer.WriteStartObject();
            writer.WriteString("mode", report.Rule.ToName());
            writer.WriteNumber("analyticMean", z.AnalyticMean);
            writer.WriteNumber("analyticVariance", z.AnalyticVariance);
            writer.WriteNumber("empiricalMean", z.EmpiricalMean);
            WriteNumber(writer, "empiricalVariance", z.EmpiricalVariance);
            writer.WritePropertyName("ci95");
            WriteInterval(writer, z.Ci95);
            writer.WriteNumber("inference", z.Inference);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            WriteValue(writer, value);
        }

        writer.WriteEndArray();
    }

    private static void WriteInterval(Utf8JsonWriter writer, Interval interval)
    {
        writer.WriteStartArray();
        WriteValue(writer, interval.Low);
        WriteValue(writer, interval.High);
        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteValue(writer, value);
    }

    private static void WriteValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
