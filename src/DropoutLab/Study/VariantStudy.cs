using System.Collections.Concurrent;
using System.Globalization;
using DropoutLab.Data;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>
/// Runs the dropout-variant × batch-norm-placement study: every run trains with <see cref="MlpTrainer{T}"/> (float32),
/// is scored on the test set by <see cref="Classifier{T}"/> (accuracy, <see cref="Metrics.MultiClassLogLoss"/>,
/// <see cref="Metrics.ConfidenceCalibrationError"/>), and has its variance shift measured by
/// <see cref="VarianceShiftProbe"/> on the test set. Runs go to up to <c>threads</c> workers; each result is stored at
/// its key's index and the rows are aggregated in key order, and training is bit-identical on any thread count, so
/// the result does not depend on the thread count.
/// </summary>
public static class VariantStudy
{
    /// <summary>Every run's key, in order: variant, placement, seed index (each in the settings' order).</summary>
    public static IReadOnlyList<VariantRunKey> Keys(VariantStudySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var keys = new List<VariantRunKey>();
        foreach (DropoutVariant variant in settings.Variants)
        {
            foreach (BatchNormPlacement placement in settings.BatchNorms)
            {
                for (int seed = 0; seed < settings.Seeds; seed++)
                {
                    keys.Add(new VariantRunKey(variant, placement, seed));
                }
            }
        }

        return keys;
    }

    /// <summary>Throws <see cref="SettingException"/> naming the first bad setting, or the thread count when it is below 1.</summary>
    public static void Validate(VariantStudySettings settings, int threads)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        SettingCheck.AtLeast(threads, 1, SettingNames.Threads);
    }

    /// <summary>The key of the probe's masks for a run of seed <paramref name="runSeed"/>: apart from every training step's masks.</summary>
    public static ulong ProbeSeed(ulong runSeed) => runSeed ^ 0x9B0B_5EED_9B0B_5EEDUL;

    /// <summary>Runs the study.</summary>
    /// <param name="settings">The configurations and their training.</param>
    /// <param name="train">Training set.</param>
    /// <param name="test">Test set, scored and probed.</param>
    /// <param name="threads">Most threads, ≥ 1: min(threads, runs) runs at a time, each with ⌊threads / that⌋ threads.</param>
    /// <param name="runFinished">Called (from any worker thread) after each run; may be null.</param>
    /// <param name="cancellation">Checked before every training step.</param>
    /// <exception cref="SettingException">A setting is out of range, or the batch size exceeds the training examples.</exception>
    /// <exception cref="DataFormatException">The examples do not fit the network, or the test set has fewer than 2 examples.</exception>
    /// <exception cref="TrainingDivergedException">A run diverged; its message names the run.</exception>
    /// <exception cref="TrainingInterruptedException"><paramref name="cancellation"/> was cancelled; no result is returned.</exception>
    public static VariantStudyResult Run(VariantStudySettings settings, LabeledData train, LabeledData test, int threads, Action<VariantRunResult>? runFinished = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        Validate(settings, threads);
        if (test.Count < 2)
        {
            throw new DataFormatException($"has {test.Count} example(s); the variance probe needs at least 2.", test.Source);
        }

        IReadOnlyList<VariantRunKey> keys = Keys(settings);
        var results = new VariantRunResult[keys.Count];
        int parallel = OperatingSystem.IsBrowser() ? 1 : Math.Min(threads, keys.Count);
        int inner = Math.Max(1, threads / parallel);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel };
        Parallel.ForEach(Partitioner.Create(Enumerable.Range(0, keys.Count), EnumerablePartitionerOptions.NoBuffering), options, index =>
        {
            VariantRunResult result = Execute(settings, keys[index], train, test, inner, cancellation);
            results[index] = result;
            runFinished?.Invoke(result);
        });

        return new VariantStudyResult(settings, train.Source, test.Source, Aggregate(settings, results));
    }

    /// <summary>Aggregates runs (in <see cref="Keys"/> order) into one row per configuration, mean ± population std over seeds.</summary>
    public static IReadOnlyList<VariantStudyRow> Aggregate(VariantStudySettings settings, IReadOnlyList<VariantRunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<VariantStudyRow>();
        for (int start = 0; start < runs.Count; start += settings.Seeds)
        {
            VariantRunResult[] group = [.. runs.Skip(start).Take(settings.Seeds)];
            VariantRunResult first = group[0];
            var ratios = new List<VarianceShiftSummary>();
            for (int l = 0; l < first.Shifts.Count; l++)
            {
                ratios.Add(new VarianceShiftSummary(
                    first.Shifts[l].Layer,
                    MeanStd.Of([.. group.Select(run => run.Shifts[l].MedianDropoutOnOverOff)]),
                    MeanStd.Of([.. group.Select(run => run.Shifts[l].MedianRunningOverInference)])));
            }

            rows.Add(new VariantStudyRow(
                first.Key.Variant,
                first.Key.BatchNorm,
                first.Activation,
                MeanStd.Of([.. group.Select(run => run.Accuracy)]),
                MeanStd.Of([.. group.Select(run => run.LogLoss)]),
                MeanStd.Of([.. group.Select(run => run.Ece)]),
                ratios,
                group));
        }

        return rows;
    }

    // Trains the key's network, scores the test set in evaluation mode and probes its batch normalizations there.
    private static VariantRunResult Execute(VariantStudySettings settings, VariantRunKey key, LabeledData train, LabeledData test, int threads, CancellationToken cancellation)
    {
        MlpSettings run = settings.For(key, threads);
        MlpResult<float> trained;
        try
        {
            trained = new MlpTrainer<float>(run).Train(train, test, progress: null, cancellation);
        }
        catch (TrainingDivergedException diverged)
        {
            throw diverged.InRun(string.Create(CultureInfo.InvariantCulture, $"(dropout {key.Variant}, batch norm {key.BatchNorm}, seed {run.Seed})"));
        }

        IReadOnlyList<VarianceShift> shifts = VarianceShiftProbe.Measure(trained.Model, new FeatureTable(test.Features, test.FeatureCount, test.Source), ProbeSeed(run.Seed));
        return new VariantRunResult(key, run.Activation, run.Seed, trained.Test.Accuracy, trained.Test.LogLoss, trained.Test.ExpectedCalibrationError, shifts);
    }
}
