using System.Text.Json;
using DropoutLab.Formatting;
using DropoutLab.Metrics;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The JSON form of a variant study: {"dataset": {"train", "test"}, "settings": {...}, "rows": [{"variant",
/// "batchNorm", "activation", "seeds", "accuracy": {"mean", "std"}, "logLoss", "ece", "varianceRatios": [{"layer",
/// "dropoutOnOverOff", "runningOverInference"}], "runs": [{"seed", "accuracy", "logLoss", "ece", "varianceRatios":
/// [<see cref="VarianceShiftJson"/>]}]}]}. The rows' ratios are the mean ± std over seeds of each run's median over a
/// batch normalization's units with a positive inference variance. Nothing depends on the thread count or the clock;
/// non-finite numbers are written as null.
/// </summary>
public static class VariantStudyJson
{
    /// <summary>Writes the document.</summary>
    public static void Write(Utf8JsonWriter writer, VariantStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        VariantStudySettings settings = result.Settings;
        MlpSettings network = settings.Network;
        writer.WriteStartObject();
        writer.WriteStartObject("dataset");
        writer.WriteString("train", result.TrainSource);
        writer.WriteString("test", result.TestSource);
        writer.WriteEndObject();
        writer.WriteStartObject("settings");
        writer.WriteStartArray("variants");
        foreach (DropoutVariant variant in settings.Variants)
        {
            writer.WriteStringValue(VariantNames.Name(variant));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("batchNorms");
        foreach (BatchNormPlacement placement in settings.BatchNorms)
        {
            writer.WriteStringValue(VariantNames.Name(placement));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("layers");
        foreach (int width in network.Layers)
        {
            writer.WriteNumberValue(width);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("keepProbs");
        foreach (double keepProb in network.KeepProbs)
        {
            writer.WriteRealValue(keepProb);
        }

        writer.WriteEndArray();
        writer.WriteString("optimizer", "adam");
        writer.WriteReal("learningRate", network.LearningRate);
        writer.WriteString("schedule", network.Schedule.ToString().ToLowerInvariant());
        writer.WriteNumber("batchSize", network.BatchSize);
        writer.WriteNumber("epochs", network.Epochs);
        writer.WriteNumber("seeds", settings.Seeds);
        writer.WriteNumber("firstSeed", network.Seed);
        writer.WriteString("precision", "float32");
        writer.WriteNumber("calibrationBins", CalibrationBins.Default);
        writer.WriteEndObject();

        writer.WriteStartArray("rows");
        foreach (VariantStudyRow row in result.Rows)
        {
            writer.WriteStartObject();
            writer.WriteString("variant", VariantNames.Name(row.Variant));
            writer.WriteString("batchNorm", VariantNames.Name(row.BatchNorm));
            writer.WriteString("activation", VariantNames.Name(row.Activation));
            writer.WriteNumber("seeds", row.Runs.Count);
            WriteMeanStd(writer, "accuracy", row.Accuracy);
            WriteMeanStd(writer, "logLoss", row.LogLoss);
            WriteMeanStd(writer, "ece", row.Ece);
            writer.WriteStartArray("varianceRatios");
            foreach (VarianceShiftSummary summary in row.VarianceRatios)
            {
                writer.WriteStartObject();
                writer.WriteNumber("layer", summary.Layer);
                WriteMeanStd(writer, "dropoutOnOverOff", summary.DropoutOnOverOff);
                WriteMeanStd(writer, "runningOverInference", summary.RunningOverInference);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("runs");
            foreach (VariantRunResult run in row.Runs)
            {
                writer.WriteStartObject();
                writer.WriteNumber("seed", run.Seed);
                writer.WriteReal("accuracy", run.Accuracy);
                writer.WriteReal("logLoss", run.LogLoss);
                writer.WriteReal("ece", run.Ece);
                writer.WriteStartArray("varianceRatios");
                foreach (VarianceShift shift in run.Shifts)
                {
                    VarianceShiftJson.Write(writer, shift);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteMeanStd(Utf8JsonWriter writer, string name, MeanStd value)
    {
        writer.WriteStartObject(name);
        writer.WriteReal("mean", value.Mean);
        writer.WriteReal("std", value.Std);
        writer.WriteEndObject();
    }
}
