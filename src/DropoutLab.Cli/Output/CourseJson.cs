using System.Text.Json;
using DropoutLab.Experiments;
using DropoutLab.Layers;

namespace DropoutLab.Cli.Output;

/// <summary>The JSON form of a course run: {"keepProb", "scaling", "masks", "lambd", "iterations", "learningRate", "costs", "trainAccuracy", "testAccuracy", "testLogLoss", "trainSeconds"}.</summary>
public static class CourseJson
{
    /// <summary>Costs are reported at iteration 0 and every this many iterations.</summary>
    public const int CostInterval = 1000;

    /// <summary>Writes one run as an object.</summary>
    public static void Write(Utf8JsonWriter writer, CourseResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        CourseSettings settings = result.Settings;
        writer.WriteStartObject();
        writer.WriteReal("keepProb", settings.KeepProb);
        writer.WriteString("scaling", settings.Scaling.ToName());
        writer.WriteString("masks", MaskName(settings.Masks));
        writer.WriteReal("lambd", settings.Lambd);
        writer.WriteNumber("iterations", settings.Iterations);
        writer.WriteReal("learningRate", settings.LearningRate);
        writer.WriteStartArray("costs");
        foreach (CostPoint point in result.Costs.Where(point => point.Iteration % CostInterval == 0))
        {
            writer.WriteStartObject();
            writer.WriteNumber("iteration", point.Iteration);
            writer.WriteReal("cost", point.Cost);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteReal("trainAccuracy", result.TrainAccuracy);
        writer.WriteReal("testAccuracy", result.TestAccuracy);
        writer.WriteReal("testLogLoss", result.TestLogLoss);
        writer.WriteReal("trainSeconds", result.TrainSeconds);
        writer.WriteEndObject();
    }

    /// <summary>"fixed" or "fresh".</summary>
    public static string MaskName(MaskPolicy masks) => masks == MaskPolicy.Fixed ? "fixed" : "fresh";

    /// <summary>Parses "fixed" or "fresh".</summary>
    public static MaskPolicy ParseMasks(string name) => name == "fresh" ? MaskPolicy.Fresh : MaskPolicy.Fixed;
}
