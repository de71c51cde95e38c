using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;
using DropoutLab.Random;
using DropoutLab.Settings;

namespace DropoutLab.Training;

// Dimension key: n₀ = input features, C = outputs, N = training rows, B = batch size. X : n₀ × B, Y : C × B.

/// <summary>
/// Mini-batch training of a dropout MLP for regression (<see cref="RegressionSettings"/>), every step a
/// <see cref="Trainer{T}"/> step with <see cref="MeanSquaredError{T}"/>. Each epoch visits the rows in an order
/// shuffled from the seed (Fisher–Yates) in batches of B, the last one holding the N mod B rows left, as Keras's
/// <c>fit</c> does (the UCI protocol of Gal and Ghahramani is defined by it). Masks are counter-based, so the
/// same seed gives the same bits on any thread count.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class RegressionTrainer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly RegressionSettings _settings;
    private readonly ComputeKernels _kernels;

    /// <summary>Creates the trainer; the settings are validated here.</summary>
    /// <exception cref="SettingException">A setting is out of range.</exception>
    public RegressionTrainer(RegressionSettings settings, ComputeKernels kernels = ComputeKernels.Fast)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _kernels = kernels;
    }

    /// <summary>
    /// Trains a new network on <paramref name="train"/> and returns it (its dropout off, ready for deterministic or
    /// Monte-Carlo prediction) with the mean loss of the last epoch.
    /// </summary>
    /// <exception cref="ArgumentException">The data's widths differ from the first or last layer's.</exception>
    /// <exception cref="TrainingDivergedException">A prediction or a parameter became NaN or ±∞.</exception>
    public RegressionResult<T> Train(RegressionData train, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        RegressionSettings s = _settings;
        if (train.FeatureCount != s.Layers[0] || train.OutputCount != s.Layers[^1])
        {
            throw new ArgumentException($"the data has {train.FeatureCount} features and {train.OutputCount} outputs but the network {s.Layers[0]} inputs and {s.Layers[^1]} outputs.", nameof(train));
        }

        var random = new NumpyRandomState(unchecked((uint)s.Seed ^ (uint)(s.Seed >> 32)));
        IReadOnlyList<Matrix<T>> weights = GlorotUniform.Weights<T>(s.Layers, random);
        MlpNetwork<T> model = MlpNetwork<T>.FromWeights(weights, s.KeepProbs, DropoutScaling.Inverted, s.Seed, s.Threads, _kernels);
        var optimizer = new Adam<T>(s.LearningRate, s.Beta1, s.Beta2, s.Epsilon, s.Threads);
        var trainer = Trainer<T>.ForRegression(model.Network, new MeanSquaredError<T>(), optimizer, s.Lambd, train.Count, clock: model.Clock);
        int n = train.Count, batch = Math.Min(s.BatchSize, n), remainder = n % batch;
        var full = new Batch(train.FeatureCount, train.OutputCount, batch);
        Batch? last = remainder == 0 ? null : new Batch(train.FeatureCount, train.OutputCount, remainder);
        int[] order = [.. Enumerable.Range(0, n)];
        double epochLoss = 0;
        for (int epoch = 0; epoch < s.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            FisherYates.Shuffle(order, random);
            epochLoss = 0;
            for (int start = 0; start < n; start += batch)
            {
                Batch b = start + batch <= n ? full : last!;
                b.Gather(train, order, start);
                epochLoss += trainer.Step(b.X, b.Y);
            }
        }

        trainer.CheckParameters();
        return new RegressionResult<T>(model, epochLoss / n, trainer.Steps, ParameterHash.Sha256(model.Network.Parameters));
    }

    // X[:, j] = features of row order[start + j], Y[:, j] = its targets, for the B columns of one batch
    private sealed class Batch(int features, int outputs, int size)
    {
        public Matrix<T> X { get; } = new(features, size);

        public Matrix<T> Y { get; } = new(outputs, size);

        public void Gather(RegressionData data, int[] order, int start)
        {
            int size = X.Columns, features = X.Rows, outputs = Y.Rows;
            Span<T> x = X.Data, y = Y.Data;
            for (int j = 0; j < size; j++)
            {
                int row = order[start + j];
                for (int f = 0; f < features; f++)
                {
                    x[(f * size) + j] = T.CreateChecked(data.Features[(row * features) + f]);
                }

                for (int k = 0; k < outputs; k++)
                {
                    y[(k * size) + j] = T.CreateChecked(data.Targets[(row * outputs) + k]);
                }
            }
        }
    }
}
