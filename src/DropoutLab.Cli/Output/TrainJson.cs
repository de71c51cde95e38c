using System.Numerics;
using System.Text.Json;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>{"epochs": [{"epoch", "trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "seconds"}], "testAccuracy", "testLogLoss", "ece", "trainSeconds", "parametersSha256"}.</summary>
public static class TrainJson
{
    /// <summary>Writes a training result.</summary>
    public static void Write<T>(Utf8JsonWriter writer, MlpResult<T> result)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteStartArray("epochs");
        foreach (EpochReport epoch in result.Epochs)
        {
            writer.WriteStartObject();
            writer.WriteNumber("epoch", epoch.Epoch);
            writer.WriteNumber("trainLoss", epoch.TrainLoss);
            writer.WriteNumber("trainAccuracy", epoch.TrainAccuracy);
            writer.WriteNumber("testLoss", epoch.TestLoss);
            writer.WriteNumber("testAccuracy", epoch.TestAccuracy);
            writer.WriteNumber("seconds", epoch.Seconds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("testAccuracy", result.Test.Accuracy);
        writer.WriteNumber("testLogLoss", result.Test.LogLoss);
        writer.WriteNumber("ece", result.Test.ExpectedCalibrationError);
        writer.WriteNumber("trainSeconds", result.TrainSeconds);
        writer.WriteString("parametersSha256", result.ParametersSha256);
        writer.WriteEndObject();
    }
}
