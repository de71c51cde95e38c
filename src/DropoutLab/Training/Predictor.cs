using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Metrics;
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
    private readonly BatchInference<T> _inference;

    /// <summary>Creates a predictor that feeds <paramref name="batchSize"/> examples at a time.</summary>
    public Predictor(MlpNetwork<T> model, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _model = model;
        _inference = new BatchInference<T>(model, batchSize);
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
        _inference.CheckWidth(data.FeatureCount, data.Source);
        int classes = _inference.Classes, n = data.Count, passes = Math.Max(samples, 1);
        MaskClock clock = _model.Clock;
        var sink = new MonteCarloSink(clock, seed, passes, new double[classes, n], new double[classes, n]);
        (ulong savedSeed, ulong savedStep) = (clock.Seed, clock.Step);
        _model.SetDropAtEval(samples > 0);
        try
        {
            _inference.Run(data, passes, Mode.Eval, ref sink);
        }
        finally
        {
            _model.SetDropAtEval(false);
            clock.Reset(savedSeed, savedStep);
        }

        double[,] mean = sink.Mean, m2 = sink.M2;
        var predicted = new int[n];
        double[]? uncertainty = samples > 0 ? new double[n] : null;
        double[]? entropy = samples > 0 ? new double[n] : null;
        for (int j = 0; j < n; j++)
        {
            int best = ArgMax.Column(mean, j);
            double h = 0;
            for (int k = 0; k < classes; k++)
            {
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

    // Pass i of batch b draws its masks at clock step b·K + i. Welford's update with the i-th value p (i from 1):
    // δ = p − p̄, p̄ += δ/i, M₂ += δ·(p − p̄); then Σ (pᵢ − p̄)² = M₂
    private readonly struct MonteCarloSink(MaskClock clock, ulong seed, int passes, double[,] mean, double[,] m2) : IInferenceSink<T>
    {
        public double[,] Mean => mean;

        public double[,] M2 => m2;

        public void BeforePass(int batch, int pass) => clock.Reset(seed, ((ulong)batch * (ulong)passes) + (ulong)pass);

        public void Accept(Matrix<T> probabilities, int start, int count, int pass)
        {
            int i = pass + 1;
            for (int j = 0; j < count; j++)
            {
                for (int k = 0; k < probabilities.Rows; k++)
                {
                    double p = double.CreateTruncating(probabilities[k, j]);
                    double delta = p - mean[k, start + j];
                    mean[k, start + j] += delta / i;
                    m2[k, start + j] += delta * (p - mean[k, start + j]);
                }
            }
        }
    }
}
