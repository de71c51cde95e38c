using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Study;

// Dimension key: n₀ = input features, nₖ = units of batch normalization k, B = batch size, N = examples.
//   X : n₀ × B    input of batch normalization k : nₖ × B

/// <summary>
/// Measures the variance shift of every batch normalization of a trained <see cref="MlpNetwork{T}"/> (Li, Chen, Hu and
/// Yang, "Understanding the Disharmony between Dropout and Batch Normalization by Variance Shift", CVPR 2019): two
/// passes over the data in evaluation mode, the first with dropout at its inference rule, the second with dropout
/// drawing fresh masks (Monte-Carlo <see cref="DropoutLayer{T}.DropAtEval"/>); in both every batch normalization
/// normalizes with its running statistics and updates nothing, so only dropout differs between the passes. For an
/// input with mean c and variance v, inverted dropout with keep probability q gives variance (c² + v)/q − c² in
/// training and v at inference, a ratio of (c² + v)/(q·v) − c²/v.
/// </summary>
public static class VarianceShiftProbe
{
    /// <summary>The default number of examples per forward pass.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// One <see cref="VarianceShift"/> per batch normalization of <paramref name="model"/>, in forward order (empty
    /// without any). Batch b of the dropout pass draws its masks at step b of the stream keyed by
    /// <paramref name="seed"/>, so the result depends on the seed and the batch size, not on the thread count. The
    /// model's parameters, running statistics, mask clock and Monte-Carlo switches are as they were afterwards.
    /// </summary>
    /// <param name="model">A trained network.</param>
    /// <param name="data">The examples (raw; the model's input standardization is applied), at least 2.</param>
    /// <param name="seed">Key of the dropout pass's masks.</param>
    /// <param name="batchSize">Examples per forward pass, ≥ 1.</param>
    /// <exception cref="DataFormatException">The examples do not have the network's input width, or there are fewer than 2.</exception>
    public static IReadOnlyList<VarianceShift> Measure<T>(MlpNetwork<T> model, FeatureTable data, ulong seed, int batchSize = DefaultBatchSize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        IReadOnlyList<ILayer<T>> layers = model.Network.Layers;
        int[] sites = [.. Enumerable.Range(0, layers.Count).Where(l => layers[l] is BatchNorm<T>)];
        if (sites.Length == 0)
        {
            return [];
        }

        if (data.FeatureCount != model.Layers[0])
        {
            throw new DataFormatException($"examples have {data.FeatureCount} features but the network's first layer takes {model.Layers[0]}.", data.Source);
        }

        if (data.Count < 2)
        {
            throw new DataFormatException($"has {data.Count} example(s); a variance needs at least 2.", data.Source);
        }

        var inference = new UnitMoments[sites.Length];
        var dropped = new UnitMoments[sites.Length];
        for (int k = 0; k < sites.Length; k++)
        {
            int units = ((BatchNorm<T>)layers[sites[k]]).Features;
            inference[k] = new UnitMoments(units);
            dropped[k] = new UnitMoments(units);
        }

        MaskClock clock = model.Clock;
        (ulong savedSeed, ulong savedStep) = (clock.Seed, clock.Step);
        DropoutLayer<T>[] dropouts = [.. model.Network.DropoutLayers];
        bool[] savedDropAtEval = [.. dropouts.Select(dropout => dropout.DropAtEval)];
        var x = new Matrix<T>(model.Layers[0], Math.Min(batchSize, data.Count));
        try
        {
            model.SetDropAtEval(false);
            Pass(model, data, x, sites, inference, clock: null, seed);
            model.SetDropAtEval(true);
            Pass(model, data, x, sites, dropped, clock, seed);
        }
        finally
        {
            model.SetDropAtEval(false);
            for (int d = 0; d < dropouts.Length; d++)
            {
                dropouts[d].DropAtEval = savedDropAtEval[d];
            }

            clock.Reset(savedSeed, savedStep);
        }

        var shifts = new VarianceShift[sites.Length];
        for (int k = 0; k < sites.Length; k++)
        {
            var batchNorm = (BatchNorm<T>)layers[sites[k]];
            double[] onOverOff = new double[batchNorm.Features];
            double[] runningOverInference = new double[batchNorm.Features];
            for (int i = 0; i < onOverOff.Length; i++)
            {
                double off = inference[k].Variance(i);
                onOverOff[i] = off > 0 ? dropped[k].Variance(i) / off : double.NaN;
                runningOverInference[i] = off > 0 ? double.CreateChecked(batchNorm.RunningVariance[i]) / off : double.NaN;
            }

            shifts[k] = new VarianceShift(k + 1, onOverOff, runningOverInference);
        }

        return shifts;
    }

    // For each batch b: X = the batch's examples (standardized), then layer by layer up to the last batch
    // normalization in evaluation mode, adding the input of batch normalization k (its first count columns) to
    // moments[k]; with a clock, the masks of batch b come from step b of the stream keyed by seed.
    private static void Pass<T>(MlpNetwork<T> model, FeatureTable data, Matrix<T> x, int[] sites, UnitMoments[] moments, MaskClock? clock, ulong seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        IReadOnlyList<ILayer<T>> layers = model.Network.Layers;
        int batch = x.Columns;
        for (int start = 0, b = 0; start < data.Count; start += batch, b++)
        {
            int count = Math.Min(batch, data.Count - start);
            BatchGather.Gather(data, start, count, x, model.Standardization);
            clock?.Reset(seed, (ulong)b);
            Matrix<T> activation = x;
            for (int l = 0, k = 0; l <= sites[^1]; l++)
            {
                if (l == sites[k])
                {
                    moments[k].Add(activation, count);
                    if (++k == sites.Length)
                    {
                        break;
                    }
                }

                activation = layers[l].Forward(activation, Mode.Eval);
            }
        }
    }

    // Welford's update per unit, examples in order: with the e-th value x (e from 1), δ = x − x̄, x̄ += δ/e,
    // M₂ += δ·(x − x̄); the unbiased variance is M₂/(e − 1).
    private sealed class UnitMoments(int units)
    {
        private readonly double[] _mean = new double[units];
        private readonly double[] _m2 = new double[units];
        private long _count;

        public void Add<T>(Matrix<T> values, int columns)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            for (int j = 0; j < columns; j++)
            {
                long e = _count + j + 1;
                for (int i = 0; i < _mean.Length; i++)
                {
                    double value = double.CreateChecked(values[i, j]);
                    double delta = value - _mean[i];
                    _mean[i] += delta / e;
                    _m2[i] += delta * (value - _mean[i]);
                }
            }

            _count += columns;
        }

        public double Variance(int unit) => _m2[unit] / (_count - 1);
    }
}
