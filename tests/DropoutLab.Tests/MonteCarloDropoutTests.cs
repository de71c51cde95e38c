using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Metrics;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>
/// Monte-Carlo dropout as a library API: a point's samples do not depend on the batch, the order or the other
/// points; the model is left as it was; the samples have the distribution of inverted dropout; and the predictive
/// summary (mean, variance with τ⁻¹, RMSE, log-likelihood) against direct computations.
/// </summary>
public class MonteCarloDropoutTests
{
    [Fact]
    public void APointsSamplesDoNotDependOnTheOrderOrTheOtherPointsPredictedWithIt()
    {
        MlpNetwork<float> model = Model();
        FeatureTable all = Points(9, seed: 4);
        double[] together = MonteCarloDropout.Sample(model, all, passes: 50, seed: 77);
        int[] order = [8, 3, 0, 5, 1, 7, 2, 6, 4];
        double[] shuffled = MonteCarloDropout.Sample(model, Subset(all, order), 50, 77);
        double[] alone = MonteCarloDropout.Sample(model, Subset(all, [5]), 50, 77);
        for (int t = 0; t < 50; t++)
        {
            for (int k = 0; k < order.Length; k++)
            {
                Assert.Equal(together[(t * 9) + order[k]], shuffled[(t * 9) + k]);
            }

            Assert.Equal(together[(t * 9) + 5], alone[t]);
        }

        // the passes differ from each other and from another seed's
        Assert.NotEqual(together[5], together[9 + 5]);
        Assert.NotEqual(together, MonteCarloDropout.Sample(model, all, 50, 78));
    }

    [Fact]
    public void SamplingLeavesTheModelAsItWas()
    {
        MlpNetwork<float> model = Model();
        FeatureTable points = Points(6, seed: 2);
        model.Clock.Step = 41;
        double[] before = MonteCarloDropout.Deterministic(model, points);
        MonteCarloDropout.Sample(model, points, 20, 5);
        Assert.Equal(before, MonteCarloDropout.Deterministic(model, points));
        Assert.Equal((1UL, 41UL), (model.Clock.Seed, model.Clock.Step));
        Assert.All(model.Network.DropoutLayers, layer => Assert.Equal((MaskSharing.Element, false), (layer.Sharing, layer.DropAtEval)));
    }

    [Fact]
    public void InputDropoutSamplesAreZeroWithTheDropRateAndAverageToTheWeightedInput()
    {
        // One Dense unit after input dropout with keepProb 0.7: ŷ = w·x·m/0.7 with m ~ Bernoulli(0.7)
        const double keepProb = 0.7;
        MlpNetwork<double> model = MlpNetwork<double>.FromWeights([new Matrix<double>(1, 1, [2.0])], [keepProb], DropoutScaling.Inverted, 1, 1);
        const int passes = 20_000;
        double[] samples = MonteCarloDropout.Sample(model, new FeatureTable([1.5f], 1, "one"), passes, 9);
        double zeros = samples.Count(value => value == 0) / (double)passes;
        double kept = 2.0 * 1.5 / keepProb;
        Assert.All(samples, value => Assert.True(value == 0 || value == kept, $"{value}"));
        double se = Math.Sqrt(keepProb * (1 - keepProb) / passes);
        Assert.InRange(zeros, 1 - keepProb - (5 * se), 1 - keepProb + (5 * se));
        Assert.InRange(samples.Average(), 3.0 - (5 * kept * se), 3.0 + (5 * kept * se));
    }

    [Fact]
    public void ThePredictiveSummaryMatchesADirectComputation()
    {
        // 3 passes over 2 points, standardized outputs mapped by ŷ = 10 + 2z
        double[] outputs = [0, 1, 1, -1, 2, 0];
        var mc = MonteCarloRegression.FromOutputs(outputs, 2, targetMean: 10, targetStd: 2);
        Assert.Equal((2, 3), (mc.Points, mc.Passes));
        // passes (10, 12), (12, 8), (14, 10): point 0 has 10, 12, 14 and point 1 has 12, 8, 10
        Assert.Equal([10, 12, 12, 8, 14, 10], mc.Samples.ToArray());
        Assert.Equal([12.0, 10.0], mc.Mean);
        Assert.Equal(8.0 / 3, mc.SampleVariance[0], 12);
        Assert.Equal(8.0 / 3, mc.SampleVariance[1], 12);
        Assert.Equal((8.0 / 3) + 4, mc.PredictiveVariance(0.25)[0], 12);
        double[] targets = [13, 9];
        Assert.Equal(1.0, mc.RootMeanSquaredError(targets), 12);
        Assert.Equal(GaussianLogLikelihood.Mean(targets, [10, 12, 12, 8, 14, 10], 0.5), mc.LogLikelihood(targets, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => mc.PredictiveVariance(0));
        Assert.Throws<ArgumentException>(() => mc.LogLikelihood([1.0], 0.5));
        Assert.Throws<ArgumentException>(() => MonteCarloRegression.FromOutputs([1, 2, 3], 2));
        Assert.Throws<ArgumentException>(() => MonteCarloDropout.Sample(Model(), new FeatureTable([1, 2], 2, "narrow"), 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonteCarloDropout.Sample(Model(), Points(2, 1), 0, 1));
    }

    private static MlpNetwork<float> Model() =>
        MlpNetwork<float>.FromWeights(GlorotUniform.Weights<float>([3, 8, 1], new NumpyRandomState(3)), [0.8, 0.6], DropoutScaling.Inverted, 1, 1);

    private static FeatureTable Points(int count, uint seed)
    {
        var random = new NumpyRandomState(seed);
        return new FeatureTable([.. Enumerable.Range(0, count * 3).Select(_ => (float)random.NextGaussian())], 3, "points");
    }

    private static FeatureTable Subset(FeatureTable table, int[] rows) =>
        new([.. rows.SelectMany(row => table.Example(row).ToArray())], table.FeatureCount, "subset");
}
