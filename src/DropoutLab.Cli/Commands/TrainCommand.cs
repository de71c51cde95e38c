using System.CommandLine;
using System.Globalization;
using System.Numerics;
using DropoutLab.Cli.Output;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab train</c>: a dropout MLP on Fashion-MNIST, any MNIST-format folder, or CSV files.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var data = new Option<string>("--data")
        {
            Description = "fashion-mnist (Debian's dataset-fashion-mnist), a folder of the four MNIST-format IDX files, or TRAIN.csv (numeric features, integer class label last)",
            DefaultValueFactory = _ => FashionMnist.Name,
        };
        var test = new Option<FileInfo?>("--test") { Description = "TEST.csv, required when --data is a CSV file (a folder has its own test split)" };
        var classes = CliOptions.OptionalInteger("--classes", "Number of classes, ≥ 2 and above every label (default: 10 for a folder, the largest CSV label + 1, which is refused when a class below it has no training example)");
        var layers = CliOptions.OptionalIntegerList("--layers", "Widths from inputs to classes, e.g. 784,1024,1024,10 (default: <features>,1024,1024,<classes>)");
        var keepProbs = CliOptions.OptionalNumberList("--keep-probs", "Keep probability of the inputs, then of each hidden layer, e.g. 0.8,0.5,0.5 (default: 0.8 for the inputs and 0.5 for each hidden layer, as many as --layers has)");
        var scaling = CliOptions.OneOf("--scaling", "inverted", "Dropout scaling rule", "inverted", "at-inference", "none");
        var dropout = CliOptions.OneOf("--dropout", "bernoulli", "Dropout variant on the inputs and every hidden layer: bernoulli keep bits, gaussian multiplicative N(1, (1-p)/p) noise, alpha (SELU's, needs --activation selu), or dropconnect (keep bits on each dense layer's weights, one mask per mini-batch, with the keep-prob of the layer feeding it); gaussian, alpha and dropconnect take only --scaling inverted", VariantNames.Dropouts);
        var maskShare = CliOptions.OneOf("--mask-share", "element", "Dropout masks per element, or feature: one keep bit (gaussian: one noise factor) per unit shared by the whole batch, so a Monte-Carlo prediction does not depend on the batch (not with dropconnect; no checkpoints yet)", VariantNames.MaskShares);
        var activation = CliOptions.OneOf("--activation", "relu", "Hidden activation", VariantNames.Activations);
        var batchNorm = CliOptions.OneOf("--batchnorm", "none", "Batch normalization in each hidden layer, before or after its dropout (no checkpoints yet)", VariantNames.BatchNorms);
        var optimizer = CliOptions.OneOf("--optimizer", "adam", "Optimizer", "sgd", "momentum", "adam");
        var learningRate = CliOptions.OptionalNumber("--learning-rate", "Learning rate (default: 0.0005 for adam, 0.05 for sgd and momentum)");
        var schedule = CliOptions.OneOf("--schedule", "cosine", "Learning-rate schedule: cosine anneals from --learning-rate to 0 over all epochs", "cosine", "constant");
        var momentum = CliOptions.Number("--momentum", 0.9, "Momentum μ for --optimizer momentum, in [0, 1)");
        var maxNorm = CliOptions.Number("--max-norm", 0, "Max-norm bound on each unit's incoming weights; 0 = off");
        var lambd = CliOptions.Number("--lambd", 0, "L2 strength λ: gradients gain (λ/N)·W, N = training examples");
        var batchSize = CliOptions.Integer("--batch-size", 128, "Examples per mini-batch");
        var epochs = CliOptions.Integer("--epochs", 1, "Passes over the training set");
        var inputs = CliOptions.OneOf("--inputs", "standardize", "Input preprocessing: standardize maps x to (x − mean)/std of the training values (stored in the model); raw feeds x as it is", "standardize", "raw");
        var init = CliOptions.OneOf("--init", "lecun", "Initial weights N(0, gain/fan_in): lecun gain 1, he gain 2", "lecun", "he");
        var seed = CliOptions.UInt64("--seed", 1, "Seed of initialization, shuffling and masks");
        var threads = CliOptions.Integer("--threads", 0, "Threads; 0 = all processors. Results are identical for any value");
        var precision = CliOptions.OneOf("--precision", "float32", "Arithmetic precision", "float32", "float64");
        var save = new Option<FileInfo?>("--save") { Description = "Write the trained model to this file (written to a temporary file, then renamed)" };
        var json = new Option<bool>("--json") { Description = "Print only the JSON document on stdout (progress goes to stderr)" };
        var maxMemory = MemoryBudget.CreateOption();
        var checkpointEvery = CliOptions.Integer("--checkpoint-every", 0, "Every N epochs (and after the last) write the model so far to --save and a checkpoint to SAVE.checkpoint; 0 = off");
        var resume = new Option<FileInfo?>("--resume") { Description = "Continue the run of this checkpoint; the other flags must be the ones it was started with (--threads may differ)" };

        var command = new Command("train", "Train a dropout MLP with mini-batches and report test accuracy, log-loss and a parameter hash.")
        {
            data, test, classes, layers, keepProbs, scaling, dropout, maskShare, activation, batchNorm, optimizer, learningRate, schedule, momentum, maxNorm, lambd, batchSize, epochs, inputs, init, seed, threads, precision, save, json, maxMemory, checkpointEvery, resume,
        };
        command.SetAction(parsed =>
        {
            string optimizerName = parsed.GetValue(optimizer)!;
            double? rate = parsed.GetValue(learningRate);
            string dataSpec = parsed.GetValue(data)!;
            string? savePath = parsed.GetValue(save)?.FullName;
            GuardOutputs(dataSpec, parsed.GetValue(test)?.FullName, savePath);
            (LabeledData trainSet, LabeledData testSet) = LoadData(dataSpec, parsed.GetValue(test)?.FullName, parsed.GetValue(classes));
            int[] widths = CliOptions.OptionalIntegers(parsed, layers) ?? [trainSet.FeatureCount, 1024, 1024, trainSet.ClassCount];

            // Srivastava et al.'s recipe unless told otherwise: keep 0.8 of the inputs and 0.5 of every hidden unit.
            double[] keeps = CliOptions.OptionalNumbers(parsed, keepProbs) ?? [0.8, .. Enumerable.Repeat(0.5, Math.Max(0, widths.Length - 2))];
            var settings = new MlpSettings
            {
                Layers = widths,
                KeepProbs = keeps,
                Scaling = DropoutScalingNames.Parse(parsed.GetValue(scaling)!),
                Dropout = VariantNames.ParseDropout(parsed.GetValue(dropout)!),
                MaskShare = VariantNames.ParseMaskShare(parsed.GetValue(maskShare)!),
                Activation = VariantNames.ParseActivation(parsed.GetValue(activation)!),
                BatchNorm = VariantNames.ParseBatchNorm(parsed.GetValue(batchNorm)!),
                Optimizer = optimizerName switch { "sgd" => OptimizerKind.Sgd, "momentum" => OptimizerKind.Momentum, _ => OptimizerKind.Adam },
                LearningRate = rate ?? (optimizerName == "adam" ? 5e-4 : 0.05),
                Schedule = parsed.GetValue(schedule) == "constant" ? LearningRateSchedule.Constant : LearningRateSchedule.Cosine,
                Momentum = parsed.GetValue(momentum),
                MaxNorm = parsed.GetValue(maxNorm),
                Lambd = parsed.GetValue(lambd),
                BatchSize = parsed.GetValue(batchSize),
                Epochs = parsed.GetValue(epochs),
                InitGain = parsed.GetValue(init) == "he" ? 2.0 : 1.0,
                Standardize = parsed.GetValue(inputs) == "standardize",
                Seed = parsed.GetValue(seed),
                Threads = parsed.GetValue(threads),
            };
            settings.Validate();
            int valueBytes = parsed.GetValue(precision) == "float64" ? 8 : 4;
            long dataBytes = (4L * (trainSet.Features.Length + testSet.Features.Length)) + (4L * (trainSet.Count + testSet.Count));
            MemoryBudget.Check(
                parsed,
                maxMemory,
                MemoryEstimate.ForMlp(settings, valueBytes, dataBytes),
                string.Create(CultureInfo.InvariantCulture, $"training a {string.Join('-', widths)} MLP (float{8 * valueBytes}, batch {settings.BatchSize})"),
                io.Error);
            bool asJson = parsed.GetValue(json);
            if (savePath is not null && !Directory.Exists(Path.GetDirectoryName(savePath)))
            {
                throw new UsageException($"--save {savePath}: folder '{Path.GetDirectoryName(savePath)}' does not exist.");
            }

            var checkpoints = Checkpoints.Of(parsed.GetValue(checkpointEvery), savePath, parsed.GetValue(resume)?.FullName);
            if ((checkpoints.Every > 0 || checkpoints.ResumeFrom is not null) && !MlpTrainer<float>.CheckpointsSupported(settings))
            {
                throw new UsageException("--checkpoint-every and --resume need --dropout bernoulli, --mask-share element, --activation relu and --batchnorm none: checkpoints do not store the other variants yet.");
            }

            if (parsed.GetValue(precision) == "float64")
            {
                Run<double>(io, settings, trainSet, testSet, asJson, savePath, checkpoints);
            }
            else
            {
                Run<float>(io, settings, trainSet, testSet, asJson, savePath, checkpoints);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // --save never replaces --data (the CSV, or an IDX file of the folder, plain or .gz) or --test.
    private static void GuardOutputs(string dataSpec, string? testCsv, string? savePath)
    {
        string dataPath = dataSpec == FashionMnist.Name ? FashionMnist.DebianFolder : dataSpec;
        var guard = new OutputGuard().Input("--test", testCsv).Output("--save", savePath);
        if (Directory.Exists(dataPath))
        {
            string[] names = [MnistDataset.TrainImagesFile, MnistDataset.TrainLabelsFile, MnistDataset.TestImagesFile, MnistDataset.TestLabelsFile];
            guard.InputFolder("--data", dataPath, [.. names, .. names.Select(name => name + ".gz")]);
        }
        else
        {
            guard.Input("--data", dataPath);
        }

        guard.Check();
    }

    private static (LabeledData Train, LabeledData Test) LoadData(string spec, string? testCsv, int? classCount)
    {
        if (spec != FashionMnist.Name && !Directory.Exists(spec) && !File.Exists(spec))
        {
            throw new DataFormatException($"no such file or folder (expected {FashionMnist.Name}, a folder of IDX files or a CSV file).", spec);
        }

        return TrainingData.Load(FashionMnist.Resolve(spec), testCsv, classCount);
    }

    private static void Run<T>(CliOutput io, MlpSettings settings, LabeledData train, LabeledData test, bool asJson, string? savePath, Checkpoints checkpoints)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var trainer = new MlpTrainer<T>(settings);
        CancellationToken cancellation = io.Interruption.Honour();
        MlpResult<T> result;
        try
        {
            result = TrainingProgressView.Run(io, settings, train.Count / settings.BatchSize, progress => trainer.Train(train, test, new TrainingOptions
            {
                Progress = progress,
                Cancellation = cancellation,
                CheckpointEvery = checkpoints.Every,
                CheckpointPath = checkpoints.Path,
                CheckpointModelPath = checkpoints.Every > 0 ? savePath : null,
                ResumeFrom = checkpoints.ResumeFrom,
            }));
        }
        catch (TrainingInterruptedException interrupted)
        {
            // Checkpoints and models are renamed into place whole, so what is on disk is either complete or absent.
            string written = interrupted.CheckpointEpoch > 0
                ? $"the model and checkpoint of epoch {interrupted.CheckpointEpoch} are in {savePath} and {checkpoints.Path} (continue with --resume {checkpoints.Path})"
                : "no model written";
            throw new InterruptedRunException($"{interrupted.Message}; {written}", io.Interruption.ExitCode, interrupted);
        }

        if (savePath is not null)
        {
            ModelFile.Save(result.Model, savePath);
        }

        if (asJson)
        {
            io.Out.WriteLine(JsonText.Build(writer => TrainJson.Write(writer, result)));
            return;
        }

        // Epochs were progress, shown on stderr while training (TrainingProgressView); stdout has only the result.
        io.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"test accuracy {result.Test.Accuracy:F4}, test log-loss {result.Test.LogLoss:F4}, ECE {result.Test.ExpectedCalibrationError:F4}, trained in {result.TrainSeconds:F1} s"));
        io.Out.WriteLine($"parameters SHA-256 {result.ParametersSha256}");
        if (savePath is not null)
        {
            io.Out.WriteLine($"model saved to {savePath}");
        }
    }

    // --checkpoint-every N writes SAVE.checkpoint next to --save SAVE; --resume names the checkpoint to continue.
    private sealed record Checkpoints(int Every, string? Path, string? ResumeFrom)
    {
        public static Checkpoints Of(int every, string? savePath, string? resumeFrom)
        {
            if (every < 0)
            {
                throw new UsageException($"--checkpoint-every must be at least 0, but got {every}.");
            }

            if (every > 0 && savePath is null)
            {
                throw new UsageException("--checkpoint-every needs --save MODEL: checkpoints are written next to the model, as MODEL.checkpoint.");
            }

            if (resumeFrom is not null && !File.Exists(resumeFrom))
            {
                throw new DataFormatException("no such checkpoint file.", resumeFrom);
            }

            return new Checkpoints(every, every > 0 ? savePath + ".checkpoint" : null, resumeFrom);
        }
    }
}
