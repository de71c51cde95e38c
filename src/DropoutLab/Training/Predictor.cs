using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>
/// Class probabilities of unlabelled examples, deterministic or by Monte-Carlo dropout (Gal &amp; Ghahramani 2016):
/// K stochastic passes with dropout left on, p̄ = (1/K) Σᵢ pᵢ, an approximation of the predictive distribution of
/// a Bayesian network. Pass i of batch b draws its masks at clock step b·K + i of the stream keyed by the seed, so
/// every (example, pass) has its own masks and the result depends only on the seed and the batch size, not on
/// the thread count.
/// </summary>
public sealed class Predictor<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly MlpNetwork<T> _model;
    private readonly Matrix<T> _batch;
    private readonly Matrix<T> _probabilities;

    /// <summary>Creates a predictor that feeds <paramref name="batchSize"/> examples at a time.</summary>
    public Predictor(MlpNetwork<T> model, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _model = model;
        _batch = new Matrix<T>(model.Layers[0], batchSize);
        _probabilities = new Matrix<T>(model.Layers[^1], batchSize);
    }

    /// <summary>
    /// Predicts every example of <paramref name="data"/>: with <paramref name="samples"/> = 0 one evaluation pass,
    /// otherwise the mean of that many Monte-Carlo passes whose masks come from <paramref name="seed"/>. The model's
    /// mask clock and evaluation mode are restored afterwards.
    /// </summary>
    /// <exception cref="DataFormatException">The examples do not have the network's input width.</exception>
    public Predictions Predict(FeatureTable data, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (data.FeatureCount != _model.Layers[0])
        {
            throw new DataFormatException($"examples have {data.FeatureCount} features but the network's first layer takes {_model.Layers[0]}.", data.Source);
        }

        int classes = _model.Layers[^1], n = data.Count, batch = _batch.Columns, passes = Math.Max(samples, 1);
        var mean = new double[classes, n];
        var m2 = new double[classes, n];
        MaskClock clock = _model.Clock;
        (ulong savedSeed, ulong savedStep) = (clock.Seed, clock.Step);
        _model.SetDropAtEval(samples > 0);
        try
        {
            for (int start = 0, b = 0; start < n; start += batch, b++)
            {
                int count = Math.Min(batch, n - start);
                BatchGather.Gather(data, start, count, _batch, _model.Standardization);
                for (int i = 0; i < passes; i++)
                {
                    clock.Reset(seed, ((ulong)b * (ulong)passes) + (ulong)i);
                    SoftmaxCrossEntropy.Probabilities(_model.Network.Forward(_batch, Mode.Eval), _probabilities);
                    Accumulate(i + 1, start, count, mean, m2);
                }
            }
        }
        finally
        {
            _model.SetDropAtEval(false);
            clock.Reset(savedSeed, savedStep);
        }

        var predicted = new int[n];
        double[]? uncertainty = samples > 0 ? new double[n] : null;
        double[]? entropy = samples > 0 ? new double[n] : null;
        for (int j = 0; j < n; j++)
        {
            int best = 0;
            double h = 0;
            for (int k = 0; k < classes; k++)
            {
                best = mean[k, j] > mean[best, j] ? k : best;
                h -= mean[k, j] > 0 ? mean[k, j] * PortableMath.Log(mean[k, j]) : 0;
            }

            predicted[j] = best;
            if (uncertainty is not null && entropy is not null)
            {
                uncertainty[j] = Math.Sqrt(m2[best, j] / samples);
                entropy[j] = Math.Max(h, 0);
            }
        }

        return new Predictions(mean, predicted, samples, uncertainty, entropy);
    }

    // Welford's update with the i-th value p: δ = p − p̄, p̄ += δ/i, M₂ += δ·(p − p̄); then Σ (pᵢ − p̄)² = M₂
    private void Accumulate(int i, int start, int count, double[,] mean, double[,] m2)
    {
        for (int j = 0; j < count; j++)
        {
            for (int k = 0; k < _probabilities.Rows; k++)
            {
                double p = double.CreateTruncating(_probabilities[k, j]);
                double delta = p - mean[k, start + j];
                mean[k, start + j] += delta / i;
                m2[k, start + j] += delta * (p - mean[k, start + j]);
            }
        }
    }
}
