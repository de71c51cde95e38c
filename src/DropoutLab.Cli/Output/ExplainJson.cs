using System.Text.Json;
using DropoutLab.Explain;
using DropoutLab.Formatting;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The <c>explain --json</c> document: {"keepProb", "trials", "seed", "activations", "modes": [{"mode", "train":
/// {...}, "inference": {"value"}}], "nextLayer": {"weights", "bias", "modes": [...]}, "inputMean", "inputVariance",
/// "keptUnchanged": [{"mode", "trainMean", "trainVariance", "inferenceMean", "inferenceVariance", "varianceRatio"}]},
/// each of the last five {"analytic", "empirical", "ci95": [low, high]}. Undefined values (a variance from one trial,
/// a ratio over a zero variance) are null.
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
        writer.WriteReal("keepProb", settings.KeepProb);
        writer.WriteNumber("trials", settings.Trials);
        writer.WriteNumber("seed", settings.Seed);
        WriteArray(writer, "activations", settings.Activations);
        writer.WriteStartArray("modes");
        foreach (RuleReport report in result.Rules)
        {
            UnitStatistics units = report.Units;
            writer.WriteStartObject();
            writer.WriteString("mode", report.Rule.ToName());
            writer.WriteReal("mismatch", report.Mismatch);
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
        writer.WriteReal("bias", settings.Bias);
        writer.WriteReal("noDropout", result.NoDropoutZ);
        writer.WriteStartArray("modes");
        foreach (RuleReport report in result.Rules)
        {
            NextLayerStatistics z = report.NextLayer;
            writer.WriteStartObject();
            writer.WriteString("mode", report.Rule.ToName());
            writer.WriteReal("analyticMean", z.AnalyticMean);
            writer.WriteReal("analyticVariance", z.AnalyticVariance);
            writer.WriteReal("empiricalMean", z.EmpiricalMean);
            writer.WriteReal("empiricalVariance", z.EmpiricalVariance);
            writer.WritePropertyName("ci95");
            WriteInterval(writer, z.Ci95);
            writer.WriteReal("inference", z.Inference);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteReal("inputMean", settings.InputMean);
        writer.WriteReal("inputVariance", settings.InputVariance);
        writer.WriteStartArray("keptUnchanged");
        foreach (KeptUnchangedReport report in result.KeptUnchanged)
        {
            writer.WriteStartObject();
            writer.WriteString("mode", report.Rule.ToName());
            WriteEstimate(writer, "trainMean", report.TrainMean);
            WriteEstimate(writer, "trainVariance", report.TrainVariance);
            WriteEstimate(writer, "inferenceMean", report.InferenceMean);
            WriteEstimate(writer, "inferenceVariance", report.InferenceVariance);
            WriteEstimate(writer, "varianceRatio", report.VarianceRatio);
            writer.WriteStartObject("batchNormAfter");
            writer.WriteReal("inferenceMean", report.BatchNormAfterMean);
            writer.WriteReal("inferenceVariance", report.BatchNormAfterVariance);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteEstimate(Utf8JsonWriter writer, string name, Estimate estimate)
    {
        writer.WriteStartObject(name);
        writer.WriteReal("analytic", estimate.Analytic);
        writer.WriteReal("empirical", estimate.Empirical);
        writer.WritePropertyName("ci95");
        WriteInterval(writer, estimate.Ci95);
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            writer.WriteRealValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteInterval(Utf8JsonWriter writer, Interval interval)
    {
        writer.WriteStartArray();
        writer.WriteRealValue(interval.Low);
        writer.WriteRealValue(interval.High);
        writer.WriteEndArray();
    }
}
