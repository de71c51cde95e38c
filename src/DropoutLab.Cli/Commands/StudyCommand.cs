using System.CommandLine;
using DropoutLab.Cli.Output;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Settings;
using DropoutLab.Study;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// <c>dropout-lab study</c>: does scaling matter more in deeper networks? A depth × keep-prob × scaling sweep; with
/// <c>--variants</c>/<c>--batchnorm</c>, the dropout-variant × batch-norm-placement study (<see cref="StudyVariantMode"/>).
/// </summary>
public static class StudyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var data = new Option<string>("--data") { Description = "Training data: 'football' (embedded) or a CSV with header, numeric features, 0/1 label last; with --variants/--batchnorm also fashion-mnist or a folder of MNIST-format IDX files (a CSV may then have integer labels)", DefaultValueFactory = _ => "football" };
        var testCsv = new Option<FileInfo?>("--test") { Description = "Test CSV in the same format (default: the embedded football test data; required with a training CSV)" };
        var depths = CliOptions.IntList("--depths", "1,2,3,4,6", "Numbers of hidden layers, each ≥ 1");
        var width = CliOptions.Integer("--width", 20, "Units per hidden layer");
        var keepProbs = CliOptions.NumberListText("--keep-probs", "0.5,0.8", "Keep probabilities, each in (0, 1]; with --variants/--batchnorm the keep probability of the inputs, then of each hidden layer, 1,0.5,0.5 on football and CSV and 0.8,0.5,0.5 on images unless given");
        var scalings = CliOptions.WordList("--scalings", "inverted,none", "Training rules", "inverted", "none");
        var seeds = CliOptions.Integer("--seeds", 5, "Seeds per configuration (with --variants/--batchnorm: 3 on football and CSV, 1 on images unless given)");
        var iterations = CliOptions.Integer("--iterations", 15000, "Full-batch gradient-descent iterations");
        var learningRate = CliOptions.Number("--learning-rate", 0.1, "Learning rate (with --variants/--batchnorm: Adam's, cosine-annealed, 0.005 on football and CSV and 0.0005 on images unless given)");
        var variants = CliOptions.WordList("--variants", "bernoulli", "Compare these dropout variants (alpha with SELU, the others with ReLU) in mini-batch MLPs instead of the depth study", VariantNames.Dropouts);
        var batchNorm = CliOptions.WordList("--batchnorm", "none", "Compare these batch-norm placements, with the measured variance shift (instead of the depth study)", VariantNames.BatchNorms);
        var layers = CliOptions.OptionalIntegerList("--layers", "With --variants/--batchnorm: widths from inputs to classes (default <features>,64,64,<classes> on football and CSV, <features>,1024,1024,<classes> on images)");
        var epochs = CliOptions.OptionalInteger("--epochs", "With --variants/--batchnorm: passes over the training set (default 300 on football and CSV, 30 on images)");
        var batchSize = CliOptions.OptionalInteger("--batch-size", "With --variants/--batchnorm: examples per mini-batch (default 64 on football and CSV, 128 on images)");
        var masks = CliOptions.OneOf("--masks", "fresh", "Mask policy: fresh draws new masks every iteration, fixed reuses the first", "fresh", "fixed");
        var threads = CliOptions.OptionalInteger("--threads", "Runs trained in parallel (default: all cores); results do not depend on it");
        var json = new Option<bool>("--json") { Description = "Print the JSON document instead of the table" };
        var maxMemory = MemoryBudget.CreateOption();
        var outFolder = new Option<DirectoryInfo?>("--out") { Description = "Also write study.csv, study.json, plots and study.md to this folder (created if missing)" };

        var command = new Command("study", "Does scaling matter more in deeper networks? Train ReLU nets of several depths with real dropout, with and without scaling, and compare calibration and activations; with --variants and/or --batchnorm, compare dropout variants and batch-norm placements in mini-batch MLPs with the measured variance shift instead.")
        {
            data, testCsv, depths, width, keepProbs, scalings, seeds, iterations, learningRate, masks, threads, json, outFolder, maxMemory, variants, batchNorm, layers, epochs, batchSize,
        };
        command.SetAction(parsed =>
        {
            if (StudyVariantMode.IsGiven(parsed, variants) || StudyVariantMode.IsGiven(parsed, batchNorm))
            {
                return StudyVariantMode.Run(io, parsed, new StudyVariantMode.Flags(variants, batchNorm, data, testCsv, layers, keepProbs, learningRate, epochs, batchSize, seeds, threads, json, maxMemory, [depths, width, scalings, iterations, masks, outFolder]));
            }

            StudyVariantMode.Refuse(parsed, [layers, epochs, batchSize], "applies only with --variants or --batchnorm (the depth study trains full-batch for --iterations)");
            var settings = new StudySettings
            {
                Depths = CliOptions.ParseIntList("--depths", parsed.GetValue(depths)!),
                Width = parsed.GetValue(width),
                KeepProbs = CliOptions.ParseNumberList("--keep-probs", parsed.GetValue(keepProbs)!),
                Scalings = [.. CliOptions.ParseWordList("--scalings", parsed.GetValue(scalings)!, "inverted", "none").Select(DropoutScalingNames.Parse)],
                Seeds = parsed.GetValue(seeds),
                Iterations = parsed.GetValue(iterations),
                LearningRate = parsed.GetValue(learningRate),
                Masks = CourseJson.ParseMasks(parsed.GetValue(masks)!),
            };
            int threadCount = parsed.GetValue(threads) ?? Environment.ProcessorCount;
            DepthStudy.Validate(settings, threadCount);
            DirectoryInfo? folder = parsed.GetValue(outFolder);
            if (folder is not null && File.Exists(folder.FullName))
            {
                throw new UsageException($"--out: '{folder}' is a file, not a folder.");
            }

            string dataSpec = parsed.GetValue(data)!;
            new OutputGuard()
                .Input("--data", dataSpec == "football" ? null : dataSpec)
                .Input("--test", parsed.GetValue(testCsv)?.FullName)
                .OutputFolder("--out", folder?.FullName, StudyFiles.Names(settings.KeepProbs))
                .Check();
            StudyData studyData = LoadData(parsed.GetValue(data)!, parsed.GetValue(testCsv));
            int total = DepthStudy.Keys(settings).Count;
            MemoryBudget.Check(
                parsed,
                maxMemory,
                MemoryEstimate.ForStudy(settings, studyData.TrainFeatures.Columns, studyData.TestFeatures.Columns, studyData.TrainFeatures.Rows, threadCount),
                $"a study of {total} runs (depths {string.Join(',', settings.Depths)}, width {settings.Width}, {threadCount} at a time)",
                io.Error);
            CancellationToken cancellation = io.Interruption.Honour();
            int finished = 0;
            StudyResult result;
            try
            {
                result = StudyProgress.Run(io, total, progress => DepthStudy.Run(settings, studyData, threadCount, run =>
                {
                    Interlocked.Increment(ref finished);
                    progress(run);
                }, cancellation));
            }
            catch (Exception ex) when (io.Interruption.IsRequested && IsCancellation(ex))
            {
                // The files are written only after the last run, so an interrupted study has written none.
                throw new InterruptedRunException($"interrupted after {finished} of {total} runs; nothing written", io.Interruption.ExitCode, ex);
            }

            if (folder is not null)
            {
                StudyFiles.Write(folder.FullName, result);
            }

            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Build(writer => StudyJson.Write(writer, result)));
            }
            else
            {
                StudyText.WriteTable(io.Out, result);
                io.Out.WriteLine();
                foreach (string line in StudyAnswer.Lines(result))
                {
                    io.Out.WriteLine(line);
                }

                if (folder is not null)
                {
                    io.Out.WriteLine();
                    io.Out.WriteLine($"Wrote {string.Join(", ", StudyFiles.Names(result))} to {folder.FullName}.");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException
        || (exception is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(inner => inner is OperationCanceledException));

    private static StudyData LoadData(string data, FileInfo? testFile)
    {
        if (data.Trim().Length == 0)
        {
            throw new UsageException("--data: expected 'football' or a CSV file, but got an empty value.");
        }

        Dataset train;
        if (data == "football")
        {
            if (testFile is not null)
            {
                throw new UsageException($"--test needs --data TRAIN.csv: the embedded football data has its own test set, so {testFile} would score a network trained on other data.");
            }

            train = FootballData.Train();
        }
        else
        {
            if (testFile is null)
            {
                throw new UsageException($"--data {data} needs --test TEST.csv (a training CSV is never scored on the embedded football data).");
            }

            train = CsvDataset.Load(data, binaryLabels: true);
        }

        Dataset test = testFile is null ? FootballData.Test() : CsvDataset.Load(testFile.FullName, binaryLabels: true);
        return new StudyData(train, test);
    }
}
