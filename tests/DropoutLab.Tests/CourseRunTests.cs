using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Explain;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Settings;

namespace DropoutLab.Tests;

public class CourseRunTests
{
    private static readonly CourseSettings Fresh = new() { KeepProb = 0.86, Masks = MaskPolicy.Fresh, Iterations = 600, RecordEvery = 100 };

    [Fact]
    public void SlicesGiveTheBitsOfOneRun()
    {
        CourseResult whole = CourseExperiment.Run(Fresh, FootballData.Train(), FootballData.Test());
        var run = new CourseRun(Fresh, FootballData.Train(), FootballData.Test());
        Assert.Equal(7, run.Step(7));
        Assert.Equal(1, run.Step(1));
        Assert.Equal(0, run.Step(0));
        Assert.False(run.IsDone);
        Assert.Throws<InvalidOperationException>(run.Result);
        Assert.Equal(592, run.Step(1000));
        Assert.True(run.IsDone);
        Assert.Equal(0, run.Step(5));
        CourseResult sliced = run.Result();
        Assert.Equal(whole.Costs, sliced.Costs);
        Assert.Equal(whole.TrainAccuracy, sliced.TrainAccuracy);
        Assert.Equal(whole.TestLogLoss, sliced.TestLogLoss);
    }

    [Fact]
    public void ProbingBetweenStepsChangesNothing()
    {
        CourseResult whole = CourseExperiment.Run(Fresh, FootballData.Train(), FootballData.Test());
        var run = new CourseRun(Fresh, FootballData.Train(), FootballData.Test());
        var probe = new CourseProbe(run);
        var grid = new Matrix<double>(2, 50);
        while (!run.IsDone)
        {
            run.Step(37);
            probe.Moments(3);
            probe.Predictive(grid, 4);
            probe.ExplainUnit(0, 1, 5, ExplainRule.Unscaled, 100);
            probe.KeptUnits(1, 2);
        }

        Assert.Equal(whole.Costs, run.Result().Costs);
        Assert.Equal(whole.TestLogLoss, run.Result().TestLogLoss);
    }

    [Fact]
    public void TheExplainPictureUsesTheNextLayersWeightsAndTheUnitsActivations()
    {
        var run = new CourseRun(new CourseSettings { KeepProb = 0.8, Iterations = 5 }, FootballData.Train(), FootballData.Test());
        run.Step(5);
        var probe = new CourseProbe(run);
        double[] a = probe.HiddenActivations(0, 3);
        Assert.Equal(20, a.Length);
        Assert.All(a, value => Assert.True(value >= 0));
        var next = run.Network.Layers.OfType<Dense<double>>().ElementAt(1);
        RuleReport unscaled = probe.ExplainUnit(0, 2, 3, ExplainRule.Unscaled, 500);
        double z = next.Bias.Value.Data[2];
        for (int u = 0; u < a.Length; u++)
        {
            z += next.Weights.Value[2, u] * a[u];
        }

        // Without scaling E[z] − b = keepProb·(z − b) in training, z at inference.
        Assert.Equal(z, unscaled.NextLayer.Inference, 12);
        Assert.Equal(next.Bias.Value.Data[2] + (0.8 * (z - next.Bias.Value.Data[2])), unscaled.NextLayer.AnalyticMean, 12);
        Assert.Equal(500, unscaled.NextLayer.Samples.Count);
        Assert.Equal(z, probe.ExplainUnit(0, 2, 3, ExplainRule.Inverted, 500).NextLayer.AnalyticMean, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => probe.ExplainUnit(0, 3, 3, ExplainRule.Inverted, 10));
    }

    [Theory]
    [InlineData(DropoutScaling.None, 1 / 0.6)]
    [InlineData(DropoutScaling.Inverted, 1.0)]
    [InlineData(DropoutScaling.AtInference, 1.0)]
    public void FirstHiddenLayerRatioIsTheRulesMismatch(DropoutScaling scaling, double expected)
    {
        // Layer 0's input has no mask upstream, so E[μ₀] in training is exactly keepProb·scale·μ₀ at inference.
        var settings = new CourseSettings { KeepProb = 0.6, Scaling = scaling, Iterations = 1 };
        var probe = new CourseProbe(new CourseRun(settings, FootballData.Train(), FootballData.Test()));
        HiddenLayerMoments first = probe.Moments(400)[0];
        Assert.Equal(0.6, first.KeepProb);
        Assert.InRange(first.MeanRatio, expected * 0.97, expected * 1.03);

        // Dropping adds variance: a unit of mean c and variance v over the examples has (c² + v)/q − c² > v in training
        // with inverted dropout, and q(1 − q)(c² + v) more than its inference variance q²v when scaling at inference.
        // (Unscaled, (1 − q)(q·c² − v) can have either sign.)
        if (scaling != DropoutScaling.None)
        {
            Assert.True(first.VarianceRatio > 1.05, $"variance ratio {first.VarianceRatio}");
        }
    }

    [Fact]
    public void WithoutDropoutMonteCarloHasNoSpreadAndEveryUnitIsKept()
    {
        var settings = new CourseSettings { Iterations = 50, HiddenSizes = [5, 4, 3] };
        var run = new CourseRun(settings, FootballData.Train(), FootballData.Test());
        run.Step(50);
        var probe = new CourseProbe(run);
        Assert.Equal(3, probe.HiddenLayers);
        Matrix<double> points = FootballData.Test().FeaturesAs<double>();
        PredictiveSpread spread = probe.Predictive(points, 3);
        Assert.All(spread.StandardDeviation, deviation => Assert.Equal(0, deviation));
        Assert.Equal(CourseExperiment.Predict(run.Network, points), spread.Mean);
        Assert.All(probe.KeptUnits(2, 0), Assert.True);
        Assert.All(probe.Moments(2), moments =>
        {
            Assert.Equal(moments.InferenceMean, moments.TrainingMean, 14);
            Assert.Equal(moments.InferenceVariance, moments.TrainingVariance, 12);
        });
    }

    [Fact]
    public void KeptUnitsFollowTheRunsMask()
    {
        var run = new CourseRun(new CourseSettings { KeepProb = 0.5, Iterations = 3 }, FootballData.Train(), FootballData.Test());
        var probe = new CourseProbe(run);
        Assert.All(probe.KeptUnits(0, 4), Assert.True);
        run.Step(1);
        DropoutLayer<double> first = run.Network.DropoutLayers.First();
        bool[] kept = probe.KeptUnits(0, 4);
        Assert.Equal(20, kept.Length);
        for (int u = 0; u < kept.Length; u++)
        {
            Assert.Equal(first.WasKept((u * 211) + 4), kept[u]);
        }

        Assert.Contains(false, kept);
        Assert.Throws<ArgumentOutOfRangeException>(() => probe.KeptUnits(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => probe.KeptUnits(0, 211));
    }

    [Fact]
    public void HiddenSizesSeedsAndPerLayerKeepProbsShapeTheNetwork()
    {
        var settings = new CourseSettings { HiddenSizes = [7, 5, 2], KeepProbs = [1.0, 0.5, 0.9], InitSeed = 11, Iterations = 2 };
        var run = new CourseRun(settings, FootballData.Train(), FootballData.Test());
        Assert.Equal([0.5, 0.9], run.Network.DropoutLayers.Select(layer => layer.KeepProb));
        Assert.Equal([7, 5, 2, 1], run.Network.Layers.OfType<Dense<double>>().Select(dense => dense.OutputUnits));
        var other = new CourseRun(settings with { InitSeed = 12 }, FootballData.Train(), FootballData.Test());
        Assert.NotEqual(run.Network.Parameters[0].Value.Data, other.Network.Parameters[0].Value.Data);
    }

    [Theory]
    [InlineData(new int[0], null, "hiddenSizes")]
    [InlineData(new[] { 20, 0 }, null, "hiddenSizes")]
    [InlineData(new[] { 20, 3 }, new[] { 0.5 }, "keepProbs")]
    [InlineData(new[] { 20, 3 }, new[] { 0.5, 1.5 }, "keepProbs")]
    public void BadShapesAreRefusedByName(int[] hidden, double[]? keepProbs, string setting)
    {
        var settings = new CourseSettings { HiddenSizes = hidden, KeepProbs = keepProbs };
        SettingException error = Assert.Throws<SettingException>(() => new CourseRun(settings, FootballData.Train(), FootballData.Test()));
        Assert.Equal(setting, error.Setting);
    }
}
