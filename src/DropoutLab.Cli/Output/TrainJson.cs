using System.Numerics;
using System.Text.Json;
using DropoutLab.Formatting;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>{"epochs": [{"epoch", "trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "seconds"}], "testAccuracy", "testLogLoss", "ece", "trainSeconds", "parametersSha256", "dropout", "activation", "batchnorm", "maskShare"}.</summary>
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
            writer.WriteReal("trainLoss", epoch.TrainLoss);
            writer.WriteReal("trainAccuracy", epoch.TrainAccuracy);
            writer.WriteReal("testLoss", epoch.TestLoss);
            writer.WriteReal("testAccuracy", epoch.TestAccuracy);
            writer.WriteReal("seconds", epoch.Seconds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteReal("testAccuracy", result.Test.Accuracy);
        writer.WriteReal("testLogLoss", result.Test.LogLoss);
        writer.WriteReal("ece", result.Test.ExpectedCalibrationError);
        writer.WriteReal("trainSeconds", result.TrainSeconds);
        writer.WriteString("parametersSha256", result.ParametersSha256);
        writer.WriteString("dropout", VariantNames.Name(result.Model.Dropout));
        writer.WriteString("activation", VariantNames.Name(result.Model.Activation));
        writer.WriteString("batchnorm", VariantNames.Name(result.Model.BatchNorm));
        writer.WriteString("maskShare", VariantNames.Name(result.Model.MaskShare));
        writer.WriteEndObject();
    }
}
