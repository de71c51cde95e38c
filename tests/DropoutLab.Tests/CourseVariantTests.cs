using System.Text.Json;
using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Explain;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>The course network with Gaussian and alpha dropout and SELU (issue 12).</summary>
public class CourseVariantTests
{
    private static CourseSettings Variant(DropoutVariant dropout, HiddenActivation activation, MaskPolicy masks, int iterations = 600) => new()
    {
        KeepProb = 0.86,
        Dropout = dropout,
        Activation = activation,
        Masks = masks,
        Iterations = iterations,
        RecordEvery = 100,
    };

    public static TheoryData<DropoutVariant, HiddenActivation, MaskPolicy> Allowed => new()
    {
        { DropoutVariant.Gaussian, HiddenActivation.Relu, MaskPolicy.Fixed },
        { DropoutVariant.Gaussian, HiddenActivation.Relu, MaskPolicy.Fresh },
        { DropoutVariant.Gaussian, HiddenActivation.Selu, MaskPolicy.Fresh },
        { DropoutVariant.Alpha, HiddenActivation.Selu, MaskPolicy.Fixed },
        { DropoutVariant.Alpha, HiddenActivation.Selu, MaskPolicy.Fresh },
        { DropoutVariant.Bernoulli, HiddenActivation.Selu, MaskPolicy.Fresh },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void EachVariantTrainsWithFiniteFallingCosts(DropoutVariant dropout, HiddenActivation activation, MaskPolicy masks)
    {
        CourseResult result = CourseExperiment.Run(Variant(dropout, activation, masks), FootballData.Train(), FootballData.Test());
        Assert.Equal(6, result.Costs.Count);
        Assert.All(result.Costs, point => Assert.True(double.IsFinite(point.Cost)));
        Assert.True(result.Costs[^1].Cost < 0.8 * result.Costs[0].Cost, $"{result.Costs[0].Cost} → {result.Costs[^1].Cost}");
        Assert.True(result.TestAccuracy > 0.8, $"test accuracy {result.TestAccuracy}");
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void TheReferenceKernelsGiveTheSameBits(DropoutVariant dropout, HiddenActivation activation, MaskPolicy masks)
    {
        CourseSettings settings = Variant(dropout, activation, masks, iterations: 200);
        CourseResult fast = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test(), ComputeKernels.Fast);
        CourseResult reference = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test(), ComputeKernels.Reference);
        Assert.Equal(fast.Costs, reference.Costs);
        Assert.Equal(fast.TestLogLoss, reference.TestLogLoss);
    }

    [Fact]
    public void TheDefaultNetworkKeepsTheCoursesFusedLayers()
    {
        var run = new CourseRun(new CourseSettings { KeepProb = 0.86, Iterations = 1 }, FootballData.Train(), FootballData.Test());
        Assert.Equal(["Dense`1", "ReluDropout`1", "Dense`1", "ReluDropout`1", "Dense`1"], run.Network.Layers.Select(layer => layer.GetType().Name));
    }

    [Theory]
    [InlineData(DropoutVariant.Gaussian, HiddenActivation.Relu, "Relu`1", "GaussianDropout`1")]
    [InlineData(DropoutVariant.Alpha, HiddenActivation.Selu, "Selu`1", "AlphaDropout`1")]
    [InlineData(DropoutVariant.Bernoulli, HiddenActivation.Selu, "Selu`1", "Dropout`1")]
    public void AVariantIsLinearThenActivationThenDropout(DropoutVariant dropout, HiddenActivation activation, string activationLayer, string dropoutLayer)
    {
        var run = new CourseRun(Variant(dropout, activation, MaskPolicy.Fixed, 1) with { KeepProbs = [0.86, 1.0] }, FootballData.Train(), FootballData.Test());
        Assert.Equal(["Dense`1", activationLayer, dropoutLayer, "Dense`1", activationLayer, "Dense`1"], run.Network.Layers.Select(layer => layer.GetType().Name));
    }

    [Theory]
    [InlineData(MaskPolicy.Fixed, true)]
    [InlineData(MaskPolicy.Fresh, false)]
    public void FixedGaussianNoiseRepeatsAndFreshNoiseDoesNot(MaskPolicy masks, bool same)
    {
        var run = new CourseRun(Variant(DropoutVariant.Gaussian, HiddenActivation.Relu, masks), FootballData.Train(), FootballData.Test());
        var layer = (GaussianDropout<double>)run.Network.DropoutLayers.First();
        int elements = 20 * run.Train.Count;
        run.Step(1);
        double[] first = [.. Enumerable.Range(0, elements).Select(layer.NoiseAt)];
        run.Step(1);
        double[] second = [.. Enumerable.Range(0, elements).Select(layer.NoiseAt)];
        Assert.Equal(same, first.SequenceEqual(second));

        // ε ~ N(1, (1 − q)/q): the sample mean within 5 standard errors of 1.
        double sigma = Math.Sqrt((1 - 0.86) / 0.86);
        Assert.InRange(first.Average(), 1 - (5 * sigma / Math.Sqrt(elements)), 1 + (5 * sigma / Math.Sqrt(elements)));
    }

    [Fact]
    public void TheGaussianNoiseIsKeyedByTheMaskSeed()
    {
        CourseSettings settings = Variant(DropoutVariant.Gaussian, HiddenActivation.Relu, MaskPolicy.Fresh, 200);
        CourseResult one = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        CourseResult again = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        CourseResult other = CourseExperiment.Run(settings with { MaskSeed = 2 }, FootballData.Train(), FootballData.Test());
        Assert.Equal(one.Costs, again.Costs);
        Assert.NotEqual(one.Costs[^1].Cost, other.Costs[^1].Cost);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void ProbingAVariantChangesNothingAndMeasuresEveryLayer(DropoutVariant dropout, HiddenActivation activation, MaskPolicy masks)
    {
        CourseSettings settings = Variant(dropout, activation, masks, iterations: 120);
        CourseResult whole = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        var run = new CourseRun(settings, FootballData.Train(), FootballData.Test());
        var probe = new CourseProbe(run);
        var grid = new Matrix<double>(2, 50);
        ExplainRule rule = dropout switch
        {
            DropoutVariant.Gaussian => ExplainRule.Gaussian,
            DropoutVariant.Alpha => ExplainRule.Alpha,
            _ => ExplainRule.Inverted,
        };
        while (!run.IsDone)
        {
            run.Step(37);
            IReadOnlyList<HiddenLayerMoments> moments = probe.Moments(3);
            Assert.Equal(2, moments.Count);
            Assert.All(moments, m => Assert.True(double.IsFinite(m.TrainingMean) && m.TrainingVariance > 0 && m.InferenceVariance > 0));
            PredictiveSpread spread = probe.Predictive(grid, 4);
            Assert.Contains(spread.StandardDeviation, sigma => sigma > 0);
            Assert.Equal(1000, probe.ExplainUnit(1, 0, 5, rule, 1000).NextLayer.Samples.Count);
            Assert.Equal(3, probe.KeptUnits(1, 2).Length);
        }

        Assert.Equal(whole.Costs, run.Result().Costs);
        Assert.Equal(whole.TestLogLoss, run.Result().TestLogLoss);
    }

    [Fact]
    public void SeluActivationsKeepTheirNegativeValues()
    {
        var run = new CourseRun(Variant(DropoutVariant.Alpha, HiddenActivation.Selu, MaskPolicy.Fixed, 1), FootballData.Train(), FootballData.Test());
        var probe = new CourseProbe(run);
        double[] a = [.. Enumerable.Range(0, 20).SelectMany(example => probe.HiddenActivations(0, example))];
        Assert.Contains(a, value => value < 0);
        Assert.All(a, value => Assert.True(value > -SeluConstants.Lambda * SeluConstants.Alpha));
    }

    [Fact]
    public void GaussianKeepsEveryUnitInTheMaskPicture()
    {
        var run = new CourseRun(Variant(DropoutVariant.Gaussian, HiddenActivation.Relu, MaskPolicy.Fresh, 5), FootballData.Train(), FootballData.Test());
        run.Step(2);
        Assert.All(new CourseProbe(run).KeptUnits(0, 0), Assert.True);
    }

    [Fact]
    public void AlphaWithoutSeluIsRefusedNamingBothSettings()
    {
        SettingException ex = Assert.Throws<SettingException>(Variant(DropoutVariant.Alpha, HiddenActivation.Relu, MaskPolicy.Fixed).Validate);
        Assert.Equal(SettingNames.Dropout, ex.Setting);
        Assert.Equal(SettingNames.Activation, ex.RelatedSetting);
    }

    [Theory]
    [InlineData(DropoutVariant.Gaussian, DropoutScaling.None)]
    [InlineData(DropoutVariant.Alpha, DropoutScaling.AtInference)]
    public void NoiseVariantsRefuseAnyScalingButInverted(DropoutVariant dropout, DropoutScaling scaling)
    {
        CourseSettings settings = Variant(dropout, HiddenActivation.Selu, MaskPolicy.Fixed) with { Scaling = scaling };
        SettingException ex = Assert.Throws<SettingException>(() => new CourseRun(settings, FootballData.Train(), FootballData.Test()));
        Assert.Equal(SettingNames.Scaling, ex.Setting);
        Assert.Equal(SettingNames.Dropout, ex.RelatedSetting);
    }

    [Fact]
    public void AVariantTheCourseCannotBuildIsRefused()
    {
        Assert.True(CourseSettings.Supports(DropoutVariant.Gaussian));
        Assert.False(CourseSettings.Supports((DropoutVariant)99));
        SettingException ex = Assert.Throws<SettingException>(new CourseSettings { Dropout = (DropoutVariant)99 }.Validate);
        Assert.Equal(SettingNames.Dropout, ex.Setting);
        Assert.Equal("99", ex.Value);
        Assert.Equal(SettingNames.Activation, Assert.Throws<SettingException>(new CourseSettings { Activation = (HiddenActivation)7 }.Validate).Setting);
    }

    [Fact]
    public void TheJsonNamesTheVariantOnlyWhenItIsNotTheDefault()
    {
        CourseResult variant = CourseExperiment.Run(Variant(DropoutVariant.Alpha, HiddenActivation.Selu, MaskPolicy.Fixed, 10), FootballData.Train(), FootballData.Test());
        CourseResult plain = CourseExperiment.Run(new CourseSettings { Iterations = 10 }, FootballData.Train(), FootballData.Test());
        using JsonDocument withVariant = JsonDocument.Parse(Json(variant));
        Assert.Equal("alpha", withVariant.RootElement.GetProperty("dropout").GetString());
        Assert.Equal("selu", withVariant.RootElement.GetProperty("activation").GetString());
        using JsonDocument without = JsonDocument.Parse(Json(plain));
        Assert.False(without.RootElement.TryGetProperty("dropout", out _));
        Assert.False(without.RootElement.TryGetProperty("activation", out _));
    }

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
