using System.CommandLine;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Data;
using DropoutLab.Settings;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// <c>dropout-lab study --variants … / --batchnorm …</c>: compares dropout variants and batch-norm placements with
/// the measured variance shift (<see cref="VariantStudy"/>). Defaults follow the data: football (and a CSV file)
/// trains a small 2-64-64-2 network in seconds, Fashion-MNIST (and an IDX folder) the <c>train</c> command's recipe.
/// </summary>
public static class StudyVariantMode
{
    /// <summary>True when <paramref name="option"/> was typed on the command line (not filled in by its default).</summary>
    public static bool IsGiven(ParseResult parsed, Option option)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.GetResult(option) is { Implicit: false };
    }

    /// <summary>Throws a usage error naming the first option of <paramref name="options"/> that was given.</summary>
    public static void Refuse(ParseResult parsed, IEnumerable<Option> options, string reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FirstOrDefault(option => IsGiven(parsed, option)) is { } given)
        {
            throw new UsageException($"{given.Name} {reason}.");
        }
    }

    /// <summary>Runs the study from the parsed flags and prints its table (or JSON); progress goes to standard error.</summary>
    public static int Run(CliOutput io, ParseResult parsed, Flags flags)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(flags);
        Refuse(parsed, flags.DepthOnly, "applies only to the depth study, not with --variants or --batchnorm");
        DropoutVariant[] variants = [.. CliOptions.ParseWordList("--variants", parsed.GetValue(flags.Variants)!, VariantNames.Dropouts).Select(VariantNames.ParseDropout)];
        BatchNormPlacement[] placements = [.. CliOptions.ParseWordList("--batchnorm", parsed.GetValue(flags.BatchNorm)!, VariantNames.BatchNorms).Select(VariantNames.ParseBatchNorm)];
        string dataSpec = parsed.GetValue(flags.Data)!;
        bool small = dataSpec == "football" || File.Exists(dataSpec);
        (LabeledData train, LabeledData test) = LoadData(dataSpec, parsed.GetValue(flags.Test)?.FullName);
        int hidden = small ? 64 : 1024;
        int[] layers = CliOptions.OptionalIntegers(parsed, flags.Layers) ?? [train.FeatureCount, hidden, hidden, train.ClassCount];

        // Keep every input of a two-feature set; otherwise Srivastava et al.'s 0.8 on the inputs; 0.5 on every hidden layer.
        double[] keepProbs = IsGiven(parsed, flags.KeepProbs)
            ? CliOptions.ParseNumberList("--keep-probs", parsed.GetValue(flags.KeepProbs)!)
            : [small ? 1.0 : 0.8, .. Enumerable.Repeat(0.5, Math.Max(0, layers.Length - 2))];
        var settings = new VariantStudySettings
        {
            Network = new MlpSettings
            {
                Layers = layers,
                KeepProbs = keepProbs,
                LearningRate = IsGiven(parsed, flags.LearningRate) ? parsed.GetValue(flags.LearningRate) : small ? 0.005 : 5e-4,
                Schedule = LearningRateSchedule.Cosine,
                BatchSize = parsed.GetValue(flags.BatchSize) ?? (small ? 64 : 128),
                Epochs = parsed.GetValue(flags.Epochs) ?? (small ? 300 : 30),
            },
            Variants = variants,
            BatchNorms = placements,
            Seeds = IsGiven(parsed, flags.Seeds) ? parsed.GetValue(flags.Seeds) : small ? 3 : 1,
        };
        int threadCount = parsed.GetValue(flags.Threads) ?? Environment.ProcessorCount;
        VariantStudy.Validate(settings, threadCount);
        int total = VariantStudy.Keys(settings).Count;
        long dataBytes = (4L * (train.Features.Length + test.Features.Length)) + (4L * (train.Count + test.Count));
        int parallel = Math.Min(threadCount, total);
        MemoryBudget.Check(
            parsed,
            flags.MaxMemory,
            // parallel runs of float32 (4 bytes a value) share the data: bytes per value 4·parallel.
            MemoryEstimate.ForMlp(settings.Network with { BatchSize = Math.Max(settings.Network.BatchSize, VarianceShiftProbe.DefaultBatchSize) }, 4 * parallel, dataBytes),
            string.Create(CultureInfo.InvariantCulture, $"a variant study of {Plural.Of(total, "run")} ({string.Join('-', layers)} MLPs, float32, {parallel} at a time)"),
            io.Error);

        CancellationToken cancellation = io.Interruption.Honour();
        int finished = 0;
        VariantStudyResult result;
        try
        {
            result = StudyProgress.Run<VariantRunResult, VariantStudyResult>(io, total, progress => VariantStudy.Run(settings, train, test, threadCount, run =>
            {
                Interlocked.Increment(ref finished);
                progress(run);
            }, cancellation));
        }
        catch (Exception ex) when (io.Interruption.IsRequested && IsInterruption(ex))
        {
            throw new InterruptedRunException($"interrupted after {finished} of {Plural.Of(total, "run")}; nothing written", io.Interruption.ExitCode, ex);
        }

        if (parsed.GetValue(flags.Json))
        {
            io.Out.WriteLine(JsonText.Build(writer => VariantStudyJson.Write(writer, result)));
        }
        else
        {
            VariantStudyText.Write(io.Out, result);
        }

        return ExitCodes.Success;
    }

    private static bool IsInterruption(Exception exception) =>
        exception is TrainingInterruptedException or OperationCanceledException
        || (exception is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(inner => inner is TrainingInterruptedException or OperationCanceledException));

    // football: the embedded sets; fashion-mnist, an IDX folder or TRAIN.csv with --test as train reads them.
    private static (LabeledData Train, LabeledData Test) LoadData(string spec, string? testCsv)
    {
        if (spec.Trim().Length == 0)
        {
            throw new UsageException($"--data: expected football, {FashionMnist.Name}, a folder of IDX files or a CSV file, but got an empty value.");
        }

        if (spec == "football")
        {
            if (testCsv is not null)
            {
                throw new UsageException($"--test needs --data TRAIN.csv: the embedded football data has its own test set, so {testCsv} would score a network trained on other data.");
            }

            return (LabeledData.FromDataset(FootballData.Train()), LabeledData.FromDataset(FootballData.Test()));
        }

        if (spec != FashionMnist.Name && !Directory.Exists(spec) && !File.Exists(spec))
        {
            throw new DataFormatException($"no such file or folder (expected football, {FashionMnist.Name}, a folder of IDX files or a CSV file).", spec);
        }

        return TrainingData.Load(FashionMnist.Resolve(spec), testCsv, null);
    }

    /// <summary>The study command's options this mode reads.</summary>
    /// <param name="Variants">--variants.</param>
    /// <param name="BatchNorm">--batchnorm.</param>
    /// <param name="Data">--data.</param>
    /// <param name="Test">--test.</param>
    /// <param name="Layers">--layers.</param>
    /// <param name="KeepProbs">--keep-probs.</param>
    /// <param name="LearningRate">--learning-rate.</param>
    /// <param name="Epochs">--epochs.</param>
    /// <param name="BatchSize">--batch-size.</param>
    /// <param name="Seeds">--seeds.</param>
    /// <param name="Threads">--threads.</param>
    /// <param name="Json">--json.</param>
    /// <param name="MaxMemory">--max-memory.</param>
    /// <param name="DepthOnly">The depth study's own options, refused here.</param>
    public sealed record Flags(
        Option<string> Variants,
        Option<string> BatchNorm,
        Option<string> Data,
        Option<FileInfo?> Test,
        Option<string?> Layers,
        Option<string> KeepProbs,
        Option<double> LearningRate,
        Option<int?> Epochs,
        Option<int?> BatchSize,
        Option<int> Seeds,
        Option<int?> Threads,
        Option<bool> Json,
        Option<string?> MaxMemory,
        IReadOnlyList<Option> DepthOnly);
}
