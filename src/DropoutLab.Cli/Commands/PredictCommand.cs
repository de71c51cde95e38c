using System.CommandLine;
using System.Globalization;
using System.Numerics;
using DropoutLab.Cli.Output;
using DropoutLab.Data;
using DropoutLab.Training;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab predict</c>: class probabilities of new examples, optionally with Monte-Carlo dropout.</summary>
public static class PredictCommand
{
    private const int BatchSize = 256;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var model = new Option<string>("--model") { Description = "Model file written by 'dropout-lab train' (read in its stored precision)", Required = true };
        var input = new Option<string>("--input")
        {
            Description = "CSV with a header row and one numeric column per model input. A file with exactly one more column "
                + "than the model's input width is read as having a label column last; that column is ignored (not even parsed)",
            Required = true,
        };
        var output = new Option<string>("--output")
        {
            Description = "CSV to write (atomically): predicted,p0,p1,... and, with --mc-samples, uncertainty,entropy",
            Required = true,
        };
        var samples = CliOptions.AtLeast(
            "--mc-samples",
            0,
            0,
            "Monte-Carlo dropout passes K (Gal & Ghahramani 2016): p = the mean of K passes with dropout on; uncertainty = the standard "
                + "deviation over the passes of the predicted class's probability; entropy = -sum p ln p. 0 = one deterministic pass");
        var seed = CliOptions.UInt64("--seed", 1UL, "Seed of the Monte-Carlo dropout masks, 0 to 18446744073709551615");
        var threads = CliOptions.AtLeast("--threads", 0, 0, "Most threads, 0 = all processors; the output does not depend on it");
        var command = new Command("predict", "Predict class probabilities for every row of a CSV with a saved model, optionally with Monte-Carlo dropout uncertainty.")
        {
            model, input, output, samples, seed, threads,
        };
        command.SetAction(parsed =>
        {
            var request = new Request(
                parsed.GetValue(model)!,
                parsed.GetValue(input)!,
                parsed.GetValue(output)!,
                parsed.GetValue(samples),
                parsed.GetValue(seed),
                parsed.GetValue(threads));
            new OutputGuard().Input("--model", request.Model).Input("--input", request.Input).Output("--output", request.Output).Check();

            string summary = ModelFile.ReadPrecision(request.Model) == 4 ? Run<float>(request) : Run<double>(request);
            io.Out.WriteLine(summary);
            return ExitCodes.Success;
        });
        return command;
    }

    // Reads everything and predicts before the output is written, so a bad input leaves no output file behind.
    private static string Run<T>(Request request)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        MlpNetwork<T> model = ModelFile.Load<T>(request.Model, request.Threads);
        FeatureTable table = FeatureCsv.Load(request.Input, model.Layers[0]);
        Predictions predictions = new Predictor<T>(model, BatchSize).Predict(table, request.Samples, request.Seed);
        PredictionCsv.Write(request.Output, predictions);

        var c = CultureInfo.InvariantCulture;
        string how = request.Samples == 0
            ? "one deterministic pass"
            : string.Create(c, $"mean of {request.Samples} Monte-Carlo dropout passes, seed {request.Seed}");
        if (request.Samples > 0 && ModelText.HasNoDropout(model))
        {
            how += "; the model has no dropout, so every pass is the same";
        }

        string ignored = table.IgnoredColumn is null ? string.Empty : $"; ignored the last input column '{table.IgnoredColumn}' as a label";
        return string.Create(c, $"wrote {request.Output}: {Plural.Of(predictions.Count, "row")}, {Plural.Of(predictions.ClassCount, "class", "classes")} ({how}){ignored}");
    }

    private sealed record Request(string Model, string Input, string Output, int Samples, ulong Seed, int Threads);
}
