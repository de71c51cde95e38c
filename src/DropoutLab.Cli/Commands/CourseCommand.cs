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
        var dropout = CliOptions.OneOf("--dropout", "bernoulli", "Dropout variant of every hidden layer: bernoulli keep bits (the course's), gaussian multiplicative N(1, (1-p)/p) noise, alpha (SELU's, needs --activation selu), or dropconnect (a hidden layer's keep-prob masks the weights that read it); gaussian, alpha and dropconnect take only --scaling inverted", VariantNames.Dropouts);
        var batchNorm = CliOptions.OneOf("--batchnorm", "none", "Batch normalization of every hidden layer: none (the course's), before-dropout (Dense, BatchNorm, activation, dropout) or after-dropout (Dense, activation, dropout, BatchNorm); full-batch statistics in training, running statistics at inference", VariantNames.BatchNorms);
        var activation = CliOptions.OneOf("--activation", "relu", "Hidden activation: relu (the course's) or selu", VariantNames.Activations);
        var masks = CliOptions.OneOf("--masks", "fixed", "Mask policy: fixed reseeds every pass as the course code does, fresh draws new masks", "fixed", "fresh");
        var lambd = CliOptions.Number("--lambd", 0.0, "L2 strength λ");
        var iterations = CliOptions.Integer("--iterations", 30000, "Gradient-descent iterations");
        var learningRate = CliOptions.Number("--learning-rate", 0.3, "Learning rate");
        var printEvery = CliOptions.AtLeast("--print-every", 1, 10000, "Print the cost every K iterations");
        var hidden = CliOptions.IntegerList("--hidden", new CourseSettings().HiddenSizes, "Widths of the hidden layers, input side first");
        var keepProbs = CliOptions.OptionalNumberList("--keep-probs", "Keep-prob of each hidden layer, input side first, one per --hidden width (instead of --keep-prob for all)");
        var initSeed = CliOptions.UInt32("--init-seed", new CourseSettings().InitSeed, "Seed of the weight initialization");
        var maskSeed = CliOptions.UInt32("--mask-seed", new CourseSettings().MaskSeed, "Seed of the dropout masks");
        var dataset = CliOptions.OneOf("--dataset", "football", "The data: the course's football data or 200 training and 200 test points of a synthetic shape", ["football", .. SyntheticShapeNames.Names]);
        var dataSeed = CliOptions.UInt32("--data-seed", 0, "Seed of a synthetic --dataset's points");
        var csv = new Option<FileInfo?>("--csv") { Description = "One CSV (header, x1, x2, 0/1 label last) split into training and test data: every 4th row is a test point" };
        var trainCsv = new Option<FileInfo?>("--train") { Description = "Training CSV: header, numeric features, 0/1 label last; needs --test (default: the embedded football data)" };
        var testCsv = new Option<FileInfo?>("--test") { Description = "Test CSV in the same format; needs --train (default: the embedded football test data)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var plots = new Option<string?>("--plots") { Description = "Also write the cost curve and the decision boundary as PNG and SVG into this existing folder" };
        var plotSize = CliOptions.PlotSize(CoursePlots.DefaultSize);

        var command = new Command("course", "Train the course's 3-layer network once and report costs and accuracies.")
        {
            keepProb, keepProbs, hidden, scaling, dropout, activation, batchNorm, masks, lambd, iterations, learningRate, printEvery, initSeed, maskSeed, dataset, dataSeed, csv, trainCsv, testCsv, json, plots, plotSize,
        };
        command.SetAction(parsed =>
        {
            double[]? layerKeepProbs = CliOptions.OptionalNumbers(parsed, keepProbs);
            if (layerKeepProbs is not null && IsGiven(parsed, keepProb))
            {
                throw new UsageException("--keep-probs and --keep-prob cannot be combined: give one keep-prob for every hidden layer, or one per layer.");
            }

            string dropoutName = parsed.GetValue(dropout)!;
            Training.DropoutVariant variant = VariantNames.ParseDropout(dropoutName);
            if (!CourseSettings.Supports(variant))
            {
                string supported = string.Join(", ", VariantNames.Dropouts.Where(name => CourseSettings.Supports(VariantNames.ParseDropout(name))));
                throw new UsageException($"--dropout {dropoutName} is not available in the course network; it builds {supported}.");
            }

            var settings = new CourseSettings
            {
                KeepProb = parsed.GetValue(keepProb),
                KeepProbs = layerKeepProbs,
                HiddenSizes = CliOptions.Integers(parsed, hidden),
                Scaling = DropoutScalingNames.Parse(parsed.GetValue(scaling)!),
                Masks = CourseJson.ParseMasks(parsed.GetValue(masks)!),
                Dropout = variant,
                Activation = VariantNames.ParseActivation(parsed.GetValue(activation)!),
                BatchNorm = VariantNames.ParseBatchNorm(parsed.GetValue(batchNorm)!),
                Lambd = parsed.GetValue(lambd),
                Iterations = parsed.GetValue(iterations),
                LearningRate = parsed.GetValue(learningRate),
                RecordEvery = Gcd(CourseReport.CostInterval, parsed.GetValue(printEvery)),
                InitSeed = parsed.GetValue(initSeed),
                MaskSeed = parsed.GetValue(maskSeed),
            };
            settings.Validate();
            FileInfo? trainFile = parsed.GetValue(trainCsv);
            FileInfo? testFile = parsed.GetValue(testCsv);
            FileInfo? csvFile = parsed.GetValue(csv);
            string datasetName = parsed.GetValue(dataset)!;
            bool synthetic = SyntheticShapeNames.TryParse(datasetName, out SyntheticShape shape);
            CheckDataFlags(datasetName, synthetic, IsGiven(parsed, dataSeed), csvFile, trainFile, testFile);
            new OutputGuard()
                .Input("--train", trainFile?.FullName)
                .Input("--test", testFile?.FullName)
                .Input("--csv", csvFile?.FullName)
                .OutputFolder("--plots", parsed.GetValue(plots), CoursePlots.FileNames(string.Empty))
                .Check();
            CourseData data = LoadData(synthetic ? shape : null, parsed.GetValue(dataSeed), csvFile, trainFile, testFile);
            Dataset train = data.Train;
            Dataset test = data.Test;
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
                io.Out.WriteLine(JsonText.Build(writer => CourseReport.WriteJson(writer, result, data)));
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

    // --data-seed seeds a synthetic shape; --csv is one file split in two; --train/--test are both halves: each names
    // the data by itself, so any two of them together are refused rather than one silently ignored.
    private static void CheckDataFlags(string datasetName, bool synthetic, bool dataSeedGiven, FileInfo? csvFile, FileInfo? trainFile, FileInfo? testFile)
    {
        if (dataSeedGiven && !synthetic)
        {
            throw new UsageException($"--data-seed needs a synthetic --dataset ({string.Join(", ", SyntheticShapeNames.Names)}); --dataset is {datasetName}.");
        }

        if (csvFile is not null && (trainFile is not null || testFile is not null))
        {
            throw new UsageException($"--csv cannot be combined with {(trainFile is not null ? "--train" : "--test")}: --csv is split into training and test data by itself.");
        }

        if (csvFile is not null && synthetic)
        {
            throw new UsageException($"--csv cannot be combined with --dataset {datasetName}: give one source of data.");
        }

        if ((trainFile is not null || testFile is not null) && synthetic)
        {
            throw new UsageException($"{(trainFile is not null ? "--train" : "--test")} cannot be combined with --dataset {datasetName}: give one source of data.");
        }

        // Both or neither: one of the user's files scored with, or against, the embedded data means nothing.
        if (trainFile is not null && testFile is null)
        {
            throw new UsageException($"--train needs --test: give the test CSV for {trainFile} (without both, the embedded football data is used).");
        }

        if (testFile is not null && trainFile is null)
        {
            throw new UsageException($"--test needs --train: give the training CSV for {testFile} (without both, the embedded football data is used).");
        }
    }

    private static CourseData LoadData(SyntheticShape? shape, uint dataSeed, FileInfo? csvFile, FileInfo? trainFile, FileInfo? testFile)
    {
        if (shape is SyntheticShape synthetic)
        {
            return CourseData.Synthetic(synthetic, dataSeed);
        }

        if (csvFile is not null)
        {
            using StreamReader reader = CsvText.Open(csvFile.FullName);
            return CourseData.FromCsv(reader, csvFile.FullName);
        }

        if (trainFile is not null && testFile is not null)
        {
            return new CourseData(trainFile.FullName, CsvDataset.Load(trainFile.FullName, binaryLabels: true), CsvDataset.Load(testFile.FullName, binaryLabels: true));
        }

        return CourseData.Football();
    }

    private static bool IsGiven(ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
