using System.Text.Json;
using DropoutLab.Experiments;
using DropoutLab.Formatting;
using DropoutLab.Layers;
using DropoutLab.Metrics;
using DropoutLab.Study;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The JSON form of a study: {"settings": {...}, "rows": [{"depth", "keepProb", "scaling", "evalRule", "seeds",
/// "testAccuracy": {"mean", "std"}, "testLogLoss", "ece", "meanAbsLogit", "activationRatio": [per hidden layer]}]}.
/// Nothing in it depends on the thread count or the clock. Non-finite numbers are written as null.
/// </summary>
public static class StudyJson
{
    /// <summary>Writes the document.</summary>
    public static void Write(Utf8JsonWriter writer, StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        StudySettings settings = result.Settings;
        writer.WriteStartObject();
        writer.WriteStartObject("settings");
        writer.WriteString("data", result.TrainSource);
        writer.WriteString("test", result.TestSource);
        writer.WriteStartArray("depths");
        foreach (int depth in settings.Depths)
        {
            writer.WriteNumberValue(depth);
        }

        writer.WriteEndArray();
        writer.WriteNumber("width", settings.Width);
        writer.WriteStartArray("keepProbs");
        foreach (double keepProb in settings.KeepProbs)
        {
            writer.WriteRealValue(keepProb);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("scalings");
        foreach (DropoutScaling scaling in settings.Scalings)
        {
            writer.WriteStringValue(scaling.ToName());
        }

        writer.WriteEndArray();
        writer.WriteNumber("seeds", settings.Seeds);
        writer.WriteNumber("iterations", settings.Iterations);
        writer.WriteReal("learningRate", settings.LearningRate);
        writer.WriteString("masks", CourseJson.MaskName(settings.Masks));
        writer.WriteString("init", "he-normal");
        writer.WriteNumber("probePasses", settings.ProbePasses);
        writer.WriteNumber("calibrationBins", CalibrationBins.Default);
        writer.WriteEndObject();

        writer.WriteStartArray("rows");
        foreach (StudyRow row in result.Rows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("depth", row.Depth);
            writer.WriteReal("keepProb", row.KeepProb);
            writer.WriteString("scaling", row.Scaling.ToName());
            writer.WriteString("evalRule", row.EvalRule.ToName());
            writer.WriteNumber("seeds", row.Seeds);
            WriteMeanStd(writer, "testAccuracy", row.TestAccuracy);
            WriteMeanStd(writer, "testLogLoss", row.TestLogLoss);
            WriteMeanStd(writer, "ece", row.Ece);
            WriteMeanStd(writer, "meanAbsLogit", row.MeanAbsLogit);
            writer.WriteStartArray("activationRatio");
            foreach (double ratio in row.ActivationRatio)
            {
                writer.WriteRealValue(ratio);
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
        writer.WritePropertyName("mean");
        writer.WriteRealValue(value.Mean);
        writer.WritePropertyName("std");
        writer.WriteRealValue(value.Std);
        writer.WriteEndObject();
    }

}
