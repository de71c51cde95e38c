using System.CommandLine;
using System.Numerics;
using DropoutLab.Cli.Output;
using DropoutLab.Data;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab evaluate</c>: accuracy, log-loss, calibration and confusion of a saved model.</summary>
public static class EvaluateCommand
{
    private const int BatchSize = 256;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var model = new Option<string>("--model") { Description = "Model file written by 'dropout-lab train' (float32 or float64; read in its stored precision)", Required = true };
        var data = new Option<string>("--data")
        {
            Description = "fashion-mnist (the installed test split), an MNIST-format folder (its t10k test split), or TEST.csv (header, numeric features, whole-number label last)",
            Required = true,
        };
        var threads = CliOptions.AtLeast("--threads", 0, 0, "Most threads, 0 = all processors; the numbers do not depend on it");
        var json = new Option<bool>("--json") { Description = "Print {\"examples\", \"accuracy\", \"logLoss\", \"ece\", \"confusion\": [[...]]} instead of text" };
        var command = new Command("evaluate", "Score a saved model on labelled data: accuracy, log-loss, expected calibration error (10 bins) and the confusion matrix (rows actual, columns predicted).")
        {
            model, data, threads, json,
        };
        command.SetAction(parsed =>
        {
            string modelPath = parsed.GetValue(model)!;
            string dataSpec = parsed.GetValue(data)!;
            int threadCount = parsed.GetValue(threads);
            bool asJson = parsed.GetValue(json);
            if (ModelFile.ReadPrecision(modelPath) == 4)
            {
                Run<float>(io, modelPath, dataSpec, threadCount, asJson);
            }
            else
            {
                Run<double>(io, modelPath, dataSpec, threadCount, asJson);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Run<T>(CliOutput io, string modelPath, string dataSpec, int threads, bool json)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        MlpNetwork<T> model = ModelFile.Load<T>(modelPath, threads);
        LabeledData data = TrainingData.LoadEvaluation(FashionMnist.Resolve(dataSpec));
        EvaluationReport report = new Classifier<T>(model, BatchSize).Evaluate(data);

        // A model with batch normalization also reports the variance shift each BatchNorm meets (as `study` measures it).
        IReadOnlyList<VarianceShift> shifts = model.BatchNormLayers.Any()
            ? VarianceShiftProbe.Measure(model, new FeatureTable(data.Features, data.FeatureCount, data.Source), VariantStudy.ProbeSeed(model.Clock.Seed))
            : [];
        if (json)
        {
            io.Out.WriteLine(JsonText.Build(writer => EvaluationJson.Write(writer, report, shifts)));
        }
        else
        {
            EvaluationText.Write(io.Out, modelPath, ModelText.Describe(model), data.Source, report, shifts);
        }
    }
}
