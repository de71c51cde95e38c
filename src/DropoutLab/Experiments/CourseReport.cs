using System.Text;
using System.Text.Json;
using DropoutLab.Formatting;
using DropoutLab.Layers;

namespace DropoutLab.Experiments;

/// <summary>
/// The two forms of a course run's report, shared by <c>dropout-lab course</c> and anything else that shows a run:
/// the notebook's printout and the JSON object.
/// </summary>
public static class CourseReport
{
    /// <summary>The JSON lists the cost at iteration 0 and every this many iterations.</summary>
    public const int CostInterval = 1000;

    /// <summary>
    /// The course notebook's printout, each line ending in "\n": "Cost after iteration i: J" for every recorded i
    /// that is a multiple of <paramref name="printEvery"/>, then "On the train set:", "Accuracy: a", "On the test
    /// set:", "Accuracy: a", numbers as Python's <c>repr</c> prints them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="printEvery"/> is below 1.</exception>
    public static string Text(CourseResult result, int printEvery)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(printEvery, 1);
        var text = new StringBuilder();
        foreach (CostPoint point in result.Costs.Where(point => point.Iteration % printEvery == 0))
        {
            text.Append("Cost after iteration ").Append(point.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(": ").Append(PyFloat.Format(point.Cost)).Append('\n');
        }

        text.Append("On the train set:\n");
        text.Append("Accuracy: ").Append(PyFloat.Format(result.TrainAccuracy)).Append('\n');
        text.Append("On the test set:\n");
        text.Append("Accuracy: ").Append(PyFloat.Format(result.TestAccuracy)).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Writes one run as an object: "keepProb", "scaling", "masks", "dropout" and "activation" (only when not the
    /// default Bernoulli after ReLU: "bernoulli", "gaussian", "alpha" or "dropconnect"; "relu" or "selu"), "batchNorm"
    /// (only when not the default none: "before-dropout" or "after-dropout"), "lambd", "iterations", "learningRate",
    /// "hiddenSizes" [per hidden layer], "keepProbs" [per hidden layer], "initSeed", "maskSeed", "data" (the
    /// <paramref name="data"/>'s name, only when it is given), "costs" [{"iteration", "cost"}] at iteration 0 and
    /// every <see cref="CostInterval"/>, "trainAccuracy", "testAccuracy", "testLogLoss", "trainSeconds". A number
    /// that is not finite is written as null.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter writer, CourseResult result, CourseData? data = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        CourseSettings settings = result.Settings;
        writer.WriteStartObject();
        writer.WriteReal("keepProb", settings.KeepProb);
        writer.WriteString("scaling", settings.Scaling.ToName());
        writer.WriteString("masks", MaskName(settings.Masks));
        if (settings.Dropout != Training.DropoutVariant.Bernoulli || settings.Activation != Training.HiddenActivation.Relu)
        {
            writer.WriteString("dropout", settings.Dropout.ToString().ToLowerInvariant());
            writer.WriteString("activation", settings.Activation.ToString().ToLowerInvariant());
        }

        if (settings.BatchNorm != Training.BatchNormPlacement.None)
        {
            writer.WriteString("batchNorm", settings.BatchNorm == Training.BatchNormPlacement.BeforeDropout ? "before-dropout" : "after-dropout");
        }

        writer.WriteReal("lambd", settings.Lambd);
        writer.WriteNumber("iterations", settings.Iterations);
        writer.WriteReal("learningRate", settings.LearningRate);
        writer.WriteStartArray("hiddenSizes");
        foreach (int size in settings.HiddenSizes)
        {
            writer.WriteNumberValue(size);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("keepProbs");
        for (int layer = 0; layer < settings.HiddenSizes.Count; layer++)
        {
            writer.WriteRealValue(settings.KeepProbOf(layer));
        }

        writer.WriteEndArray();
        writer.WriteNumber("initSeed", settings.InitSeed);
        writer.WriteNumber("maskSeed", settings.MaskSeed);
        if (data is not null)
        {
            writer.WriteString("data", data.Name);
        }

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
    internal static string MaskName(MaskPolicy masks) => masks == MaskPolicy.Fixed ? "fixed" : "fresh";
}
