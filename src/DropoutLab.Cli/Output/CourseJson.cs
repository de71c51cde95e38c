using System.Text.Json;
using DropoutLab.Experiments;

namespace DropoutLab.Cli.Output;

/// <summary>The JSON form of a course run, <see cref="CourseReport.WriteJson"/>, and the mask policy's names.</summary>
public static class CourseJson
{
    /// <summary>Costs are reported at iteration 0 and every this many iterations.</summary>
    public const int CostInterval = CourseReport.CostInterval;

    /// <summary>Writes one run as an object (<see cref="CourseReport.WriteJson"/>).</summary>
    public static void Write(Utf8JsonWriter writer, CourseResult result, CourseData? data = null) => CourseReport.WriteJson(writer, result, data);

    /// <summary>"fixed" or "fresh".</summary>
    public static string MaskName(MaskPolicy masks) => CourseReport.MaskName(masks);

    /// <summary>Parses "fixed" or "fresh".</summary>
    public static MaskPolicy ParseMasks(string name) => name == "fresh" ? MaskPolicy.Fresh : MaskPolicy.Fixed;
}
