using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Settings;
using DropoutLab.Study;

namespace DropoutLab.Tests;

public class StudyTests
{
    private static readonly Lazy<StudyData> Football = new(() => new StudyData(FootballData.Train(), FootballData.Test()));

    // One small sweep shared by the assertions below: depths 1 and 3, keep-prob 0.5, both rules, one seed.
    private static readonly Lazy<StudyResult> Small = new(() => DepthStudy.Run(
        new StudySettings { Depths = [1, 3], KeepProbs = [0.5], Seeds = 1, Iterations = 2500, LearningRate = 0.1 },
        Football.Value,
        threads: 2));

    private static StudyRow Row(int depth, DropoutScaling scaling, InferenceRule rule) =>
        Small.Value.Find(depth, 0.5, scaling, rule) ?? throw new InvalidOperationException("missing row");

    [Fact]
    public void WithoutScalingTheFirstLayerRatioIsAboutOneOverKeepProbAndCompounds()
    {
        IReadOnlyList<double> none = Row(3, DropoutScaling.None, InferenceRule.Plain).ActivationRatio;
        Assert.InRange(none[0], 1.8, 2.2);
        Assert.True(none[1] > 1.5 * none[0], $"layer 2 ratio {none[1]} does not compound on {none[0]}");
        Assert.True(none[2] > 1.5 * none[1], $"layer 3 ratio {none[2]} does not compound on {none[1]}");
        Assert.InRange(Row(1, DropoutScaling.None, InferenceRule.Plain).ActivationRatio[0], 1.8, 2.2);
    }

    [Fact]
    public void InvertedScalingAndScalingAtInferenceKeepTheRatioNearOne()
    {
        foreach (double ratio in Row(3, DropoutScaling.Inverted, InferenceRule.Plain).ActivationRatio)
        {
            Assert.InRange(ratio, 0.8, 1.1);
        }

        Assert.InRange(Row(1, DropoutScaling.Inverted, InferenceRule.Plain).ActivationRatio[0], 0.9, 1.1);
        Assert.InRange(Row(1, DropoutScaling.None, InferenceRule.AtInference).ActivationRatio[0], 0.9, 1.1);
    }

    [Fact]
    public void TheLogLossGapGrowsWithDepthAndScalingAtInferenceClosesIt()
    {
        double Gap(int depth) => Row(depth, DropoutScaling.None, InferenceRule.Plain).TestLogLoss.Mean
            - Row(depth, DropoutScaling.Inverted, InferenceRule.Plain).TestLogLoss.Mean;
        Assert.True(Gap(1) > 0, $"gap at depth 1 is {Gap(1)}");
        Assert.True(Gap(3) > Gap(1) + 0.1, $"gap does not grow: {Gap(1)} → {Gap(3)}");
        foreach (int depth in new[] { 1, 3 })
        {
            double recovered = Row(depth, DropoutScaling.None, InferenceRule.AtInference).TestLogLoss.Mean;
            Assert.InRange(recovered - Row(depth, DropoutScaling.Inverted, InferenceRule.Plain).TestLogLoss.Mean, -0.12, 0.12);
        }
    }

    [Fact]
    public void TheVerdictOfTheSmallSweepIsYes()
    {
        StudyVerdict verdict = StudyVerdict.Of(Small.Value);
        Assert.Equal(StudyVerdictOutcome.Yes, verdict.Outcome);
        Assert.Equal((1, 3), (verdict.ShallowDepth, verdict.DeepDepth));
    }

    [Fact]
    public void RowsComeInKeyOrderWithAtInferenceOnlyForNetsTrainedWithoutScaling()
    {
        string[] expected =
        [
            "1 inverted plain", "1 none plain", "1 none at-inference",
            "3 inverted plain", "3 none plain", "3 none at-inference",
        ];
        Assert.Equal(expected, Small.Value.Rows.Select(r => $"{r.Depth} {r.Scaling.ToName()} {r.EvalRule.ToName()}"));
        Assert.All(Small.Value.Rows, row => Assert.Equal(row.Depth, row.ActivationRatio.Count));
    }

    [Fact]
    public void RunSeedsDependOnTheKeyOnlyAndInitIsSharedAcrossRules()
    {
        var a = new StudyRunKey(3, 0.5, DropoutScaling.None, 1);
        var b = new StudyRunKey(3, 0.5, DropoutScaling.Inverted, 1);
        var c = new StudyRunKey(3, 0.8, DropoutScaling.None, 1);
        Assert.Equal(a.InitSeed, b.InitSeed);
        Assert.Equal(a.InitSeed, c.InitSeed);
        Assert.NotEqual(a.MaskSeed, b.MaskSeed);
        Assert.NotEqual(a.MaskSeed, c.MaskSeed);
        Assert.NotEqual(a.InitSeed, new StudyRunKey(3, 0.5, DropoutScaling.None, 2).InitSeed);
        Assert.NotEqual(a.InitSeed, new StudyRunKey(4, 0.5, DropoutScaling.None, 1).InitSeed);
        Assert.Equal(a.MaskSeed, new StudyRunKey(3, 0.5, DropoutScaling.None, 1).MaskSeed);
    }

    [Fact]
    public void OneAndTwoThreadsGiveIdenticalRuns()
    {
        var settings = new StudySettings { Depths = [2, 1], KeepProbs = [0.5, 0.8], Seeds = 2, Iterations = 150 };
        StudyResult one = DepthStudy.Run(settings, Football.Value, threads: 1);
        StudyResult two = DepthStudy.Run(settings, Football.Value, threads: 2);
        Assert.Equal(one.Runs.Count, two.Runs.Count);
        for (int r = 0; r < one.Runs.Count; r++)
        {
            Assert.Equal(one.Runs[r].Key, two.Runs[r].Key);
            for (int e = 0; e < one.Runs[r].Evaluations.Count; e++)
            {
                StudyEvaluation x = one.Runs[r].Evaluations[e], y = two.Runs[r].Evaluations[e];
                Assert.Equal(x.TestLogLoss, y.TestLogLoss);
                Assert.Equal(x.MeanAbsLogit, y.MeanAbsLogit);
                Assert.Equal(x.Ece, y.Ece);
                Assert.Equal(x.ActivationRatios, y.ActivationRatios);
            }
        }
    }

    [Fact]
    public void SettingsOutOfRangeAreRejected()
    {
        var valid = new StudySettings();
        string Rejected(StudySettings settings) => Assert.Throws<SettingException>(settings.Validate).Setting;
        Assert.Equal(SettingNames.Depths, Rejected(valid with { Depths = [] }));
        Assert.Equal(SettingNames.Depths, Rejected(valid with { Depths = [0] }));
        Assert.Equal(SettingNames.Depths, Rejected(valid with { Depths = [2, 2] }));
        Assert.Equal(SettingNames.Width, Rejected(valid with { Width = 0 }));
        Assert.Equal(SettingNames.KeepProbs, Rejected(valid with { KeepProbs = [0.0] }));
        Assert.Equal(SettingNames.KeepProbs, Rejected(valid with { KeepProbs = [1.5] }));
        Assert.Equal(SettingNames.Seeds, Rejected(valid with { Seeds = 0 }));
        Assert.Equal(SettingNames.Scalings, Rejected(valid with { Scalings = [DropoutScaling.AtInference] }));
        Assert.Equal(SettingNames.LearningRate, Rejected(valid with { LearningRate = double.PositiveInfinity }));
        Assert.Equal(SettingNames.Threads, Assert.Throws<SettingException>(() => DepthStudy.Run(valid with { Iterations = 1 }, Football.Value, threads: 0)).Setting);
    }
}
