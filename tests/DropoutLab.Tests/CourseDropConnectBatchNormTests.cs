using System.Text.Json;
using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Explain;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>The course network with DropConnect and with batch normalization before or after dropout (issue 12).</summary>
public class CourseDropConnectBatchNormTests
{
    private static CourseSettings Settings(DropoutVariant dropout, BatchNormPlacement batchNorm, MaskPolicy masks, int iterations = 600) => new()
    {
        KeepProb = 0.86,
        Dropout = dropout,
        BatchNorm = batchNorm,
        Masks = masks,
        Iterations = iterations,
        RecordEvery = 100,
    };

    public static TheoryData<DropoutVariant, BatchNormPlacement, MaskPolicy> Allowed => new()
    {
        { DropoutVariant.DropConnect, BatchNormPlacement.None, MaskPolicy.Fixed },
        { DropoutVariant.DropConnect, BatchNormPlacement.None, MaskPolicy.Fresh },
        { DropoutVariant.Bernoulli, BatchNormPlacement.BeforeDropout, MaskPolicy.Fixed },
        { DropoutVariant.Bernoulli, BatchNormPlacement.AfterDropout, MaskPolicy.Fresh },
        { DropoutVariant.Gaussian, BatchNormPlacement.AfterDropout, MaskPolicy.Fresh },
        { DropoutVariant.DropConnect, BatchNormPlacement.AfterDropout, MaskPolicy.Fresh },
        { DropoutVariant.DropConnect, BatchNormPlacement.BeforeDropout, MaskPolicy.Fixed },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void EachChoiceTrainsWithFiniteFallingCosts(DropoutVariant dropout, BatchNormPlacement batchNorm, MaskPolicy masks)
    {
        CourseResult result = CourseExperiment.Run(Settings(dropout, batchNorm, masks), FootballData.Train(), FootballData.Test());
        Assert.Equal(6, result.Costs.Count);
        Assert.All(result.Costs, point => Assert.True(double.IsFinite(point.Cost)));
        Assert.True(result.Costs[^1].Cost < 0.8 * result.Costs[0].Cost, $"{result.Costs[0].Cost} → {result.Costs[^1].Cost}");
        Assert.True(result.TestAccuracy >= 0.75, $"test accuracy {result.TestAccuracy}");
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void TheReferenceKernelsGiveTheSameBits(DropoutVariant dropout, BatchNormPlacement batchNorm, MaskPolicy masks)
    {
        CourseSettings settings = Settings(dropout, batchNorm, masks, iterations: 200);
        CourseResult fast = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test(), ComputeKernels.Fast);
        CourseResult reference = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test(), ComputeKernels.Reference);
        Assert.Equal(fast.Costs, reference.Costs);
        Assert.Equal(fast.TestLogLoss, reference.TestLogLoss);
    }

    [Fact]
    public void DropConnectMasksTheWeightsThatReadEachDroppedLayer()
    {
        var run = new CourseRun(Settings(DropoutVariant.DropConnect, BatchNormPlacement.None, MaskPolicy.Fixed, 1) with { KeepProbs = [0.5, 1.0] }, FootballData.Train(), FootballData.Test());
        Assert.Equal(["Dense`1", "Relu`1", "Dense`1", "Relu`1", "Dense`1"], run.Network.Layers.Select(layer => layer.GetType().Name));
        Dense<double>[] dense = [.. run.Network.Layers.OfType<Dense<double>>()];
        Assert.Null(dense[0].WeightMask);
        Assert.Equal(0.5, dense[1].WeightMask!.KeepProb);
        Assert.Null(dense[2].WeightMask);
        Assert.Empty(run.Network.DropoutLayers);
    }

    [Theory]
    [InlineData(BatchNormPlacement.BeforeDropout, new[] { "Dense`1", "BatchNorm`1", "ReluDropout`1", "Dense`1", "BatchNorm`1", "ReluDropout`1", "Dense`1" })]
    [InlineData(BatchNormPlacement.AfterDropout, new[] { "Dense`1", "ReluDropout`1", "BatchNorm`1", "Dense`1", "ReluDropout`1", "BatchNorm`1", "Dense`1" })]
    public void BatchNormGoesWhereItIsPlaced(BatchNormPlacement batchNorm, string[] layers)
    {
        var run = new CourseRun(Settings(DropoutVariant.Bernoulli, batchNorm, MaskPolicy.Fixed, 1), FootballData.Train(), FootballData.Test());
        Assert.Equal(layers, run.Network.Layers.Select(layer => layer.GetType().Name));
    }

    [Fact]
    public void BatchNormDrawsNothingSoTheInitialWeightsAreTheSame()
    {
        var plain = new CourseRun(new CourseSettings { KeepProb = 0.86, Iterations = 1 }, FootballData.Train(), FootballData.Test());
        var normalized = new CourseRun(new CourseSettings { KeepProb = 0.86, Iterations = 1, BatchNorm = BatchNormPlacement.AfterDropout }, FootballData.Train(), FootballData.Test());
        Assert.Equal(
            plain.Network.Layers.OfType<Dense<double>>().SelectMany(d => d.Weights.Value.Data),
            normalized.Network.Layers.OfType<Dense<double>>().SelectMany(d => d.Weights.Value.Data));
    }

    [Theory]
    [InlineData(MaskPolicy.Fixed, true)]
    [InlineData(MaskPolicy.Fresh, false)]
    public void FixedWeightMasksRepeatAndFreshOnesDoNot(MaskPolicy masks, bool same)
    {
        var run = new CourseRun(Settings(DropoutVariant.DropConnect, BatchNormPlacement.None, masks), FootballData.Train(), FootballData.Test());
        DropConnect<double> mask = run.Network.Layers.OfType<Dense<double>>().ElementAt(1).WeightMask!;
        run.Step(1);
        bool[] first = mask.CopyMask();
        run.Step(4);
        bool[] fifth = mask.CopyMask();
        Assert.Equal(same, first.SequenceEqual(fifth));
        Assert.Contains(first, kept => !kept);
        Assert.Contains(first, kept => kept);
    }

    [Fact]
    public void TheWeightMasksAreKeyedByTheMaskSeed()
    {
        CourseSettings settings = Settings(DropoutVariant.DropConnect, BatchNormPlacement.None, MaskPolicy.Fresh, 200);
        CourseResult one = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        CourseResult again = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        CourseResult other = CourseExperiment.Run(settings with { MaskSeed = 2 }, FootballData.Train(), FootballData.Test());
        Assert.Equal(one.Costs, again.Costs);
        Assert.NotEqual(one.Costs[^1].Cost, other.Costs[^1].Cost);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void ProbingChangesNoBitAndNoRunningStatistic(DropoutVariant dropout, BatchNormPlacement batchNorm, MaskPolicy masks)
    {
        CourseSettings settings = Settings(dropout, batchNorm, masks, iterations: 120);
        CourseResult whole = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        var unprobed = new CourseRun(settings, FootballData.Train(), FootballData.Test());
        var run = new CourseRun(settings, FootballData.Train(), FootballData.Test());
        var probe = new CourseProbe(run);
        var grid = new Matrix<double>(2, 50);
        ExplainRule rule = dropout == DropoutVariant.Gaussian ? ExplainRule.Gaussian : ExplainRule.Inverted;
        while (!run.IsDone)
        {
            run.Step(37);
            unprobed.Step(37);
            double[] statistics = RunningStatistics(run);
            IReadOnlyList<HiddenLayerMoments> moments = probe.Moments(3);
            Assert.Equal(2, moments.Count);
            Assert.All(moments, m => Assert.True(double.IsFinite(m.TrainingMean) && m.TrainingVariance > 0 && m.InferenceVariance > 0));
            PredictiveSpread spread = probe.Predictive(grid, 4);
            Assert.Contains(spread.StandardDeviation, sigma => sigma > 0);
            Assert.Equal(1000, probe.ExplainUnit(1, 0, 5, rule, 1000).NextLayer.Samples.Count);
            Assert.Equal(3, probe.KeptUnits(1, 2).Length);
            Assert.Equal(3, probe.HiddenActivations(1, 2).Length);
            IReadOnlyList<double> shift = probe.BatchNormVarianceShift(3);
            Assert.Equal(batchNorm == BatchNormPlacement.None ? 0 : 2, shift.Count);
            Assert.All(shift, ratio => Assert.True(ratio > 0 && double.IsFinite(ratio), $"ratio {ratio}"));
            Assert.Equal(statistics, RunningStatistics(run));
            Assert.Equal(RunningStatistics(unprobed), RunningStatistics(run));
        }

        Assert.Equal(whole.Costs, run.Result().Costs);
        Assert.Equal(whole.TestLogLoss, run.Result().TestLogLoss);
    }

    [Fact]
    public void DropConnectKeepsEveryUnitInTheMaskPicture()
    {
        var run = new CourseRun(Settings(DropoutVariant.DropConnect, BatchNormPlacement.None, MaskPolicy.Fresh, 5), FootballData.Train(), FootballData.Test());
        run.Step(2);
        Assert.All(new CourseProbe(run).KeptUnits(0, 0), Assert.True);
    }

    [Fact]
    public void BatchNormAfterInvertedDropoutSeesAVarianceShiftAboveOne()
    {
        // Inverted dropout at keep 0.5 in front of a BatchNorm: Var_on/Var_off = (c² + v)/(q·v) − c²/v ≥ 1/q − (1/q − 1)·c²/v > 1.
        var run = new CourseRun(Settings(DropoutVariant.Bernoulli, BatchNormPlacement.AfterDropout, MaskPolicy.Fresh, 300) with { KeepProb = 0.5 }, FootballData.Train(), FootballData.Test());
        run.Step(300);
        IReadOnlyList<double> shift = new CourseProbe(run).BatchNormVarianceShift(20);
        Assert.All(shift, ratio => Assert.True(ratio > 1.2, $"ratio {ratio}"));
    }

    [Fact]
    public void WithoutDropoutThereIsNoVarianceShift()
    {
        var run = new CourseRun(new CourseSettings { BatchNorm = BatchNormPlacement.BeforeDropout, Iterations = 50 }, FootballData.Train(), FootballData.Test());
        run.Step(50);
        Assert.All(new CourseProbe(run).BatchNormVarianceShift(2), ratio => Assert.Equal(1.0, ratio, 12));
    }

    [Fact]
    public void DropConnectRefusesAnyScalingButInverted()
    {
        CourseSettings settings = Settings(DropoutVariant.DropConnect, BatchNormPlacement.None, MaskPolicy.Fixed) with { Scaling = DropoutScaling.None };
        SettingException ex = Assert.Throws<SettingException>(() => new CourseRun(settings, FootballData.Train(), FootballData.Test()));
        Assert.Equal(SettingNames.Scaling, ex.Setting);
        Assert.Equal(SettingNames.Dropout, ex.RelatedSetting);
        Assert.True(CourseSettings.Supports(DropoutVariant.DropConnect));
    }

    [Fact]
    public void AnUnknownPlacementIsRefused()
    {
        SettingException ex = Assert.Throws<SettingException>(new CourseSettings { BatchNorm = (BatchNormPlacement)9 }.Validate);
        Assert.Equal(SettingNames.BatchNorm, ex.Setting);
        Assert.Equal("9", ex.Value);
    }

    [Fact]
    public void TheJsonNamesThePlacementOnlyWhenItIsNotTheDefault()
    {
        CourseResult placed = CourseExperiment.Run(Settings(DropoutVariant.DropConnect, BatchNormPlacement.AfterDropout, MaskPolicy.Fixed, 10), FootballData.Train(), FootballData.Test());
        CourseResult plain = CourseExperiment.Run(new CourseSettings { Iterations = 10 }, FootballData.Train(), FootballData.Test());
        using JsonDocument withPlacement = JsonDocument.Parse(Json(placed));
        Assert.Equal("after-dropout", withPlacement.RootElement.GetProperty("batchNorm").GetString());
        Assert.Equal("dropconnect", withPlacement.RootElement.GetProperty("dropout").GetString());
        using JsonDocument without = JsonDocument.Parse(Json(plain));
        Assert.False(without.RootElement.TryGetProperty("batchNorm", out _));
    }

    private static double[] RunningStatistics(CourseRun run) =>
        [.. run.Network.Layers.OfType<BatchNorm<double>>().SelectMany(bn => bn.RunningMean.Concat(bn.RunningVariance).Concat(bn.Gamma.Value.Data))];

    private static string Json(CourseResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            CourseReport.WriteJson(writer, result);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
