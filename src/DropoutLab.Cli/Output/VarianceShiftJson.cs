using System.Text.Json;
using DropoutLab.Formatting;
using DropoutLab.Study;

namespace DropoutLab.Cli.Output;

/// <summary>
/// One batch normalization's measured variance shift as JSON, the same in <c>study</c> and <c>evaluate</c>:
/// {"layer", "units", "dropoutOnOverOff", "runningOverInference", "meanDropoutOnOverOff", "meanRunningOverInference"}
/// — medians, then means, over the units not constant at inference.
/// </summary>
public static class VarianceShiftJson
{
    /// <summary>Writes the object.</summary>
    public static void Write(Utf8JsonWriter writer, VarianceShift shift)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(shift);
        writer.WriteStartObject();
        writer.WriteNumber("layer", shift.Layer);
        writer.WriteNumber("units", shift.CountedUnits);
        writer.WriteReal("dropoutOnOverOff", shift.MedianDropoutOnOverOff);
        writer.WriteReal("runningOverInference", shift.MedianRunningOverInference);
        writer.WriteReal("meanDropoutOnOverOff", shift.MeanDropoutOnOverOff);
        writer.WriteReal("meanRunningOverInference", shift.MeanRunningOverInference);
        writer.WriteEndObject();
    }
}
