using System.Collections.Concurrent;
using System.Diagnostics;
using DropoutLab.Data;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Uci;

// Dimension key: f = features, N = training rows, n = scored rows, T = Monte-Carlo passes, G = grid points.

/// <summary>
/// The UCI regression protocol of Gal and Ghahramani ("Dropout as a Bayesian Approximation", ICML 2016), as their
/// experiment code runs it, on any folder in their layout. Per split: for every (dropout rate, τ) of the grid, train
/// on the first 80% of the training rows and score the Monte-Carlo log-likelihood of the last 20%; train again on
/// all training rows with the best pair (the first best on a tie); report on the test rows. Each training
/// standardizes features and target with its own training rows (population std, a zero std becomes 1), builds
/// inputs → dropout → Dense(h, ReLU) → dropout → Dense(1) with one rate on both dropouts, and minimizes the mean
/// squared error plus reg·Σw² over both kernels, reg = l²·(1 − rate)/(2·N·τ), l = 0.01 (Keras's l2 regularizer),
/// with <see cref="RegressionTrainer{T}"/> in float32. Predictions are T passes with dropout on
/// (<see cref="MonteCarloDropout"/>), un-standardized; the log-likelihood is <see cref="Metrics.GaussianLogLikelihood"/>.
/// Every training and prediction has its own seed derived from (seed, split, grid point), so a split's result is
/// the same bits whichever shard or thread runs it.
/// </summary>
public static class UciProtocol
{
    /// <summary>What a run of <paramref name="settings"/> on <paramref name="dataset"/> is, with the defaults resolved.</summary>
    public static UciRunDescription Describe(UciDataset dataset, UciSettings settings)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        return new UciRunDescription(dataset.Name, settings.Epochs ?? (dataset.Epochs * UciSettings.EpochsMultiplier), settings.HiddenUnits ?? dataset.HiddenUnits, settings.McSamples, settings.BatchSize, settings.Seed, dataset.DropoutRates, dataset.TauValues, settings.Shard);
    }

    /// <summary>The split indices the run takes: the listed (or all) splits at the shard's positions.</summary>
    public static IReadOnlyList<int> SplitsTaken(UciDataset dataset, UciSettings settings)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<int> listed = settings.Splits ?? [.. Enumerable.Range(0, dataset.Splits.Count)];
        return [.. listed.Where((_, position) => settings.Shard.Takes(position))];
    }

    /// <summary>
    /// Runs the protocol on the splits the settings take, <see cref="UciSettings.Threads"/> splits at a time, reporting
    /// every finished training to <paramref name="progress"/> (from the worker threads, one call at a time).
    /// </summary>
    /// <exception cref="SettingException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">The shard takes no split.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static UciResult Run(UciDataset dataset, UciSettings settings, Action<UciProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(dataset.Splits.Count);
        UciRunDescription run = Describe(dataset, settings);
        IReadOnlyList<int> splits = SplitsTaken(dataset, settings);
        if (splits.Count == 0)
        {
            throw new ArgumentException($"shard {settings.Shard.Index}/{settings.Shard.Count} takes none of the {(settings.Splits ?? [.. Enumerable.Range(0, dataset.Splits.Count)]).Count} splits.", nameof(settings));
        }

        int perSplit = (dataset.DropoutRates.Count * dataset.TauValues.Count) + 1, total = splits.Count * perSplit, done = 0;
        var gate = new Lock();
        void Finished(int split, bool final)
        {
            lock (gate)
            {
                done++;
                progress?.Invoke(new UciProgress(done, total, split, final));
            }
        }

        var clock = Stopwatch.StartNew();
        var results = new ConcurrentBag<UciSplitResult>();
        int workers = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = OperatingSystem.IsBrowser() ? 1 : workers, CancellationToken = cancellation };
        Parallel.ForEach(Partitioner.Create(splits, EnumerablePartitionerOptions.NoBuffering), options, split =>
            results.Add(RunSplit(dataset, split, run, Finished, cancellation)));
        return new UciResult(run, results, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The protocol on split <paramref name="split"/>, as <see cref="Run"/> runs it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The split is not one of the data set's.</exception>
    public static UciSplitResult RunSplit(UciDataset dataset, int split, UciRunDescription run, Action<int, bool>? finished = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfNegative(split);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(split, dataset.Splits.Count);
        UciSplit rows = dataset.Splits[split];
        var grid = new List<UciGridPoint>();
        UciGridPoint? best = null;
        int point = 0;
        foreach (double rate in run.DropoutRates)
        {
            foreach (double tau in run.TauValues)
            {
                cancellation.ThrowIfCancellationRequested();
                Scored scored = TrainAndScore(dataset, rows.FitRows, rows.ValidationRows, rate, tau, run, UnitSeed(run.Seed, split, point++), cancellation);
                var tried = new UciGridPoint(rate, tau, scored.LogLikelihood);
                grid.Add(tried);
                if (best is null || tried.ValidationLogLikelihood > best.ValidationLogLikelihood)
                {
                    best = tried;
                }

                finished?.Invoke(split, false);
            }
        }

        if (best is null)
        {
            throw new ArgumentException("the grid has no points.", nameof(run));
        }

        cancellation.ThrowIfCancellationRequested();
        Scored test = TrainAndScore(dataset, rows.TrainRows, rows.TestRows, best.DropoutRate, best.Tau, run, UnitSeed(run.Seed, split, point), cancellation);
        finished?.Invoke(split, true);
        return new UciSplitResult(split, best.DropoutRate, best.Tau, test.Rmse, test.McRmse, test.LogLikelihood, grid, test.ParameterHash)
        {
            TestPredictions = test.Predictions,
        };
    }

    /// <summary>reg·Σw² of the Keras form as the trainer's λ: ∇W gains 2·reg·W = (λ/N)·W, so λ = l²·(1 − rate)/τ.</summary>
    public static double Lambd(double dropoutRate, double tau) => UciSettings.LengthScale * UciSettings.LengthScale * (1 - dropoutRate) / tau;

    private sealed record Scored(double Rmse, double McRmse, double LogLikelihood, string ParameterHash, UciTestPredictions Predictions);

    private static Scored TrainAndScore(UciDataset dataset, IReadOnlyList<int> trainRows, IReadOnlyList<int> scoreRows, double rate, double tau, UciRunDescription run, ulong seed, CancellationToken cancellation)
    {
        var standardization = UciStandardization.Fit(dataset, trainRows);
        int features = dataset.FeatureCount;
        var train = new RegressionData(Features(dataset, trainRows, standardization), [.. trainRows.Select(row => (float)standardization.Target(dataset.Target(row)))], features, 1, dataset.Directory);
        var settings = new RegressionSettings
        {
            Layers = [features, run.HiddenUnits, 1],
            KeepProbs = [1 - rate, 1 - rate],
            Epochs = run.Epochs,
            BatchSize = run.BatchSize,
            Lambd = Lambd(rate, tau),
            Seed = seed,
            Threads = 1,
        };
        MlpNetwork<float> model = new RegressionTrainer<float>(settings).Train(train, cancellation).Model;
        var scored = new FeatureTable(Features(dataset, scoreRows, standardization), features, dataset.Directory);
        double[] targets = [.. scoreRows.Select(dataset.Target)];
        double[] deterministic = [.. MonteCarloDropout.Deterministic(model, scored).Select(standardization.Unstandardize)];
        double[] outputs = MonteCarloDropout.Sample(model, scored, run.McSamples, seed ^ 0x6d63_6472_6f70UL);
        var mc = MonteCarloRegression.FromOutputs(outputs, scoreRows.Count, standardization.TargetMean, standardization.TargetStd);
        var predictions = new UciTestPredictions(targets, mc.Mean, [.. mc.PredictiveVariance(tau).Select(Math.Sqrt)]);
        return new Scored(Metrics.RootMeanSquaredError.Of(targets, deterministic), mc.RootMeanSquaredError(targets), mc.LogLikelihood(targets, tau), ParameterHash.Sha256(model.Network.Parameters), predictions);
    }

    // Rows × f, row-major, standardized with the training rows' statistics
    private static float[] Features(UciDataset dataset, IReadOnlyList<int> rows, UciStandardization standardization)
    {
        int features = dataset.FeatureCount;
        var values = new float[rows.Count * features];
        for (int j = 0; j < rows.Count; j++)
        {
            for (int f = 0; f < features; f++)
            {
                values[(j * features) + f] = (float)standardization.Feature(f, dataset.Feature(rows[j], f));
            }
        }

        return values;
    }

    // SplitMix64's finalizer over (seed, split, grid point): independent streams for every training of the run
    private static ulong UnitSeed(ulong seed, int split, int point)
    {
        ulong z = seed + (0x9E37_79B9_7F4A_7C15UL * (((ulong)(uint)split << 16) + (uint)point + 1));
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
