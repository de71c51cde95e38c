using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

// Dimension key: n₀ = input features, C = outputs, n = points, T = passes. X : n₀ × n, samples : T × n × C.

/// <summary>
/// Monte-Carlo dropout (Gal and Ghahramani, ICML 2016): T forward passes with dropout left on, each pass a draw
/// from the approximate posterior over the network's weights. Pass t uses one mask per unit, shared by every point
/// (<see cref="MaskSharing.Feature"/>), drawn from the counter stream at (seed, t): the samples of a point do not
/// depend on the batch size, the order of the points or which other points are predicted with it (baal#49's
/// "consistent" MC dropout). Each point's T samples have exactly the distribution of per-element masks, so every
/// per-point estimate (mean, variance, log-likelihood) has the same expectation; only the points' samples within one
/// pass are correlated.
/// </summary>
public static class MonteCarloDropout
{
    /// <summary>Points per forward pass (a larger set runs in chunks; the chunks see the same masks).</summary>
    public const int ChunkSize = 1024;

    /// <summary>
    /// The raw network outputs of <paramref name="passes"/> Monte-Carlo passes over <paramref name="data"/> (after the
    /// model's input standardization): sample t of output k of point j at (t·n + j)·C + k. The model's dropout
    /// settings (mask sharing, Monte-Carlo flag, clock) are restored afterwards; it must not be used by another thread
    /// meanwhile.
    /// </summary>
    /// <exception cref="ArgumentException">The data's width is not the network's input width, or there are no points.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one pass, or T·n·C beyond an array.</exception>
    public static double[] Sample<T>(MlpNetwork<T> model, FeatureTable data, int passes, ulong seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        if (data.FeatureCount != model.Layers[0] || data.Count == 0)
        {
            throw new ArgumentException($"the network takes {model.Layers[0]} features but the data has {data.Count} points of {data.FeatureCount}.", nameof(data));
        }

        int n = data.Count, outputs = model.Layers[^1];
        long total = (long)passes * n * outputs;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, Array.MaxLength, nameof(passes));
        var samples = new double[total];
        DropoutLayer<T>[] dropouts = [.. model.Network.DropoutLayers];
        MaskSharing[] sharing = [.. dropouts.Select(layer => layer.Sharing)];
        bool[] dropAtEval = [.. dropouts.Select(layer => layer.DropAtEval)];
        DropConnect<T>[] weightMasks = [.. model.WeightMasks];
        bool[] weightDropAtEval = [.. weightMasks.Select(mask => mask.DropAtEval)];
        ulong clockSeed = model.Clock.Seed, clockStep = model.Clock.Step;
        try
        {
            foreach (DropoutLayer<T> layer in dropouts)
            {
                layer.Sharing = MaskSharing.Feature;
            }

            model.SetDropAtEval(true);
            for (int start = 0; start < n; start += ChunkSize)
            {
                int count = Math.Min(ChunkSize, n - start);
                var x = new Matrix<T>(model.Layers[0], count);
                BatchGather.Gather(data, start, count, x, model.Standardization);
                for (int t = 0; t < passes; t++)
                {
                    model.Clock.Reset(seed, (ulong)t);
                    Matrix<T> z = model.Network.Forward(x, Mode.Eval);
                    Span<double> pass = samples.AsSpan((int)(((long)t * n) + start) * outputs, count * outputs);
                    for (int k = 0; k < outputs; k++)
                    {
                        ReadOnlySpan<T> row = z.Data.AsSpan(k * count, count);
                        for (int j = 0; j < count; j++)
                        {
                            pass[(j * outputs) + k] = double.CreateChecked(row[j]);
                        }
                    }
                }
            }
        }
        finally
        {
            for (int i = 0; i < dropouts.Length; i++)
            {
                dropouts[i].Sharing = sharing[i];
                dropouts[i].DropAtEval = dropAtEval[i];
            }

            for (int i = 0; i < weightMasks.Length; i++)
            {
                weightMasks[i].DropAtEval = weightDropAtEval[i];
            }

            model.Clock.Reset(clockSeed, clockStep);
        }

        return samples;
    }

    /// <summary>
    /// The deterministic (inference-mode) outputs of the model on <paramref name="data"/>, point j's output k at j·C + k:
    /// for inverted dropout the weight-averaging approximation of the Monte-Carlo mean.
    /// </summary>
    /// <exception cref="ArgumentException">The data's width is not the network's input width.</exception>
    public static double[] Deterministic<T>(MlpNetwork<T> model, FeatureTable data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != model.Layers[0])
        {
            throw new ArgumentException($"the network takes {model.Layers[0]} features but the data has {data.FeatureCount}.", nameof(data));
        }

        int n = data.Count, outputs = model.Layers[^1];
        var result = new double[n * outputs];
        for (int start = 0; start < n; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, n - start);
            var x = new Matrix<T>(model.Layers[0], count);
            BatchGather.Gather(data, start, count, x, model.Standardization);
            Matrix<T> z = model.Network.Forward(x, Mode.Eval);
            for (int k = 0; k < outputs; k++)
            {
                for (int j = 0; j < count; j++)
                {
                    result[((start + j) * outputs) + k] = double.CreateChecked(z[k, j]);
                }
            }
        }

        return result;
    }
}
