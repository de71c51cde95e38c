using System.CommandLine;
using DropoutLab.Cli.Output;
using DropoutLab.Cli.Plots;
using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Layers;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab course</c>: one run of the course network with any settings.</summary>
public static class CourseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var keepProb = CliOptions.Number("--keep-prob", 1.0, "Probability of keeping a hidden unit, in (0, 1]; 1 means no dropout");
        var scaling = CliOptions.OneOf("--scaling", "inverted", "Dropout scaling rule", "inverted", "none", "at-inference");
        var masks = CliOptions.OneOf("--masks", "fixed", "Mask policy: fixed reseeds every pass as the course code does, fresh draws new masks", "fixed", "fresh");
        var lambd = CliOptions.Number("--lambd", 0.0, "L2 strength λ");
        var iterations = CliOptions.Integer("--iterations", 30000, "Gradient-descent iterations");
        var learningRate = CliOptions.Number("--learning-rate", 0.3, "Learning rate");
        var printEvery = CliOptions.AtLeast("--print-every", 1, 10000, "Print the cost every K iterations");
        var trainCsv = new Option<FileInfo?>("--train") { Description = "Training CSV: header, numeric features, 0/1 label last; needs --test (default: the embedded football data)" };
        var testCsv = new Option<FileInfo?>("--test") { Description = "Test CSV in the same format; needs --train (default: the embedded football test data)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var plots = new Option<string?>("--plots") { Description = "Also write the cost curve and the decision boundary as PNG and SVG into this existing folder" };
        var plotSize = CliOptions.PlotSize(CoursePlots.DefaultSize);

        var command = new Command("course", "Train the course's 3-layer network once and report costs and accuracies.")
        {
            keepProb, scaling, masks, lambd, iterations, learningRate, printEvery, trainCsv, testCsv, json, plots, plotSize,
        };
        command.SetAction(parsed =>
        {
            var settings = new CourseSettings
            {
                KeepProb = parsed.GetValue(keepProb),
                Scaling = DropoutScalingNames.Parse(parsed.GetValue(scaling)!),
                Masks = CourseJson.ParseMasks(parsed.GetValue(masks)!),
                Lambd = parsed.GetValue(lambd),
                Iterations = parsed.GetValue(iterations),
                LearningRate = parsed.GetValue(learningRate),
                RecordEvery = Gcd(CourseJson.CostInterval, parsed.GetValue(printEvery)),
            };
            settings.Validate();
            FileInfo? trainFile = parsed.GetValue(trainCsv);
            FileInfo? testFile = parsed.GetValue(testCsv);

            // Both or neither: one of the user's files scored with, or against, the embedded data means nothing.
            if (trainFile is not null && testFile is null)
            {
                throw new UsageException($"--train needs --test: give the test CSV for {trainFile} (without both, the embedded football data is used).");
            }

            if (testFile is not null && trainFile is null)
            {
                throw new UsageException($"--test needs --train: give the training CSV for {testFile} (without both, the embedded football data is used).");
            }

            new OutputGuard()
                .Input("--train", trainFile?.FullName)
                .Input("--test", testFile?.FullName)
                .OutputFolder("--plots", parsed.GetValue(plots), CoursePlots.FileNames(string.Empty))
                .Check();
            Dataset train = trainFile is null ? FootballData.Train() : CsvDataset.Load(trainFile.FullName, binaryLabels: true);
            Dataset test = testFile is null ? FootballData.Test() : CsvDataset.Load(testFile.FullName, binaryLabels: true);
            string? plotFolder = parsed.GetValue(plots);
            if (plotFolder is not null)
            {
                CoursePlots.Check(plotFolder, train);
            }

            CourseResult result;
            try
            {
                result = CourseExperiment.Run(settings, train, test, cancellation: io.Interruption.Honour());
            }
            catch (OperationCanceledException ex) when (io.Interruption.IsRequested)
            {
                // Plots are written only after the run, so nothing is on disk yet.
                throw new InterruptedRunException("interrupted before the course run finished; nothing written", io.Interruption.ExitCode, ex);
            }

            IReadOnlyList<string> written = plotFolder is null
                ? []
                : CoursePlots.Write(plotFolder, string.Empty, result, train, parsed.GetValue(plotSize));
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Build(writer => CourseJson.Write(writer, result)));
            }
            else
            {
                CourseText.WriteRun(io.Out, result, parsed.GetValue(printEvery));
                CourseText.WritePlots(io.Out, written);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
