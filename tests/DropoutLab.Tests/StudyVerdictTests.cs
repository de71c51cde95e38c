using DropoutLab.Layers;
using DropoutLab.Study;

namespace DropoutLab.Tests;

/// <summary>The verdict rule on constructed studies: only the rows' mean log-losses and accuracies matter.</summary>
public class StudyVerdictTests
{
    // Test log-loss of a cell: inverted dropout 0.30 everywhere; no scaling 0.30 + gap(depth, keepProb); scaled at
    // inference 0.30 + recovery. Accuracies: 0.90, except plain no-scaling nets at 0.90 − shift.
    private static StudyResult Study(
        int[] depths,
        double[] keepProbs,
        Func<int, double, double> gap,
        double recovery = 0,
        double shift = 0,
        DropoutScaling[]? scalings = null)
    {
        scalings ??= [DropoutScaling.Inverted, DropoutScaling.None];
        var settings = new StudySettings { Depths = depths, KeepProbs = keepProbs, Scalings = scalings, Seeds = 1 };
        var rows = new List<StudyRow>();
        foreach (int depth in depths)
        {
            foreach (double keepProb in keepProbs)
            {
                foreach (DropoutScaling scaling in scalings)
                {
                    if (scaling == DropoutScaling.Inverted)
                    {
                        rows.Add(Row(depth, keepProb, scaling, InferenceRule.Plain, 0.30, 0.90));
                    }
                    else
                    {
                        rows.Add(Row(depth, keepProb, scaling, InferenceRule.Plain, 0.30 + gap(depth, keepProb), 0.90 - shift));
                        rows.Add(Row(depth, keepProb, scaling, InferenceRule.AtInference, 0.30 + recovery, 0.90));
                    }
                }
            }
        }

        return new StudyResult(settings, "train.csv", "test.csv", [], rows);
    }

    private static StudyRow Row(int depth, double keepProb, DropoutScaling scaling, InferenceRule rule, double logLoss, double accuracy) =>
        new(depth, keepProb, scaling, rule, 1, new MeanStd(accuracy, 0), new MeanStd(logLoss, 0), new MeanStd(0.05, 0), new MeanStd(2, 0), [1.0]);

    [Fact]
    public void YesWhenTheGapGrowsFromTheShallowestToTheDeepestNetAtEveryKeepProb()
    {
        StudyVerdict verdict = StudyVerdict.Of(Study([1, 2, 4], [0.5, 0.8], (depth, keepProb) => depth * (1 - keepProb)));
        Assert.Equal(StudyVerdictOutcome.Yes, verdict.Outcome);
        Assert.True(verdict.HasAnswer);
        Assert.Equal((1, 4), (verdict.ShallowDepth, verdict.DeepDepth));
        Assert.Equal([0.5, 0.8], verdict.Gaps.Select(g => g.KeepProb));
        Assert.Equal(0.5, verdict.Gaps[0].Shallow, 12);
        Assert.Equal(2.0, verdict.Gaps[0].Deep, 12);
        Assert.Equal(0.8, verdict.Gaps[1].Deep, 12);
    }

    [Fact]
    public void NotInThisRunWhenTheGapShrinksAtOneKeepProb()
    {
        StudyVerdict verdict = StudyVerdict.Of(Study([1, 3], [0.5, 0.8], (depth, keepProb) => keepProb == 0.8 ? 0.2 / depth : 0.1 * depth));
        Assert.Equal(StudyVerdictOutcome.NotInThisRun, verdict.Outcome);
        Assert.True(verdict.HasAnswer);
        Assert.True(verdict.Gaps[0].Grows);
        Assert.False(verdict.Gaps[1].Grows);
    }

    [Fact]
    public void AGapThatOnlyHoldsSteadyDoesNotGrow() =>
        Assert.Equal(StudyVerdictOutcome.NotInThisRun, StudyVerdict.Of(Study([1, 3], [0.5], (_, _) => 0.25)).Outcome);

    [Fact]
    public void ANaNGapDoesNotGrow() =>
        Assert.Equal(StudyVerdictOutcome.NotInThisRun, StudyVerdict.Of(Study([1, 3], [0.5], (depth, _) => depth == 3 ? double.NaN : 0.1)).Outcome);

    [Fact]
    public void OnlyTheShallowestAndDeepestDepthsAreCompared_InAnyListedOrder()
    {
        // The middle depth's gap is the largest, the deepest's barely above the shallowest's: still yes.
        StudyVerdict verdict = StudyVerdict.Of(Study([4, 1, 2], [0.5], (depth, _) => depth switch { 1 => 0.10, 2 => 0.90, _ => 0.11 }));
        Assert.Equal(StudyVerdictOutcome.Yes, verdict.Outcome);
        Assert.Equal((1, 4), (verdict.ShallowDepth, verdict.DeepDepth));
    }

    [Fact]
    public void WithoutBothTrainingRulesThereIsNoAnswer_BeforeTheDepthsAreConsidered()
    {
        StudyVerdict inverted = StudyVerdict.Of(Study([1, 3], [0.5], (_, _) => 0, scalings: [DropoutScaling.Inverted]));
        StudyVerdict none = StudyVerdict.Of(Study([2], [0.5], (_, _) => 0, scalings: [DropoutScaling.None]));
        Assert.Equal(StudyVerdictOutcome.NeedsBothTrainingRules, inverted.Outcome);
        Assert.Equal(StudyVerdictOutcome.NeedsBothTrainingRules, none.Outcome);
        Assert.False(inverted.HasAnswer);
        Assert.Empty(inverted.Gaps);
        Assert.True(double.IsNaN(inverted.WorstRecovery));
    }

    [Fact]
    public void WithASingleDepthThereIsNoAnswer()
    {
        StudyVerdict verdict = StudyVerdict.Of(Study([3], [0.5, 0.8], (_, _) => 1));
        Assert.Equal(StudyVerdictOutcome.NeedsTwoDepths, verdict.Outcome);
        Assert.Equal((3, 3), (verdict.ShallowDepth, verdict.DeepDepth));
        Assert.Empty(verdict.Gaps);
    }

    [Theory]
    [InlineData(-0.02, true)]
    [InlineData(0.0, true)]
    [InlineData(0.015, false)]
    public void RecoveryIsTheWorstLogLossOfScalingAtInferenceAboveInvertedDropout(double recovery, bool complete)
    {
        StudyVerdict verdict = StudyVerdict.Of(Study([1, 2], [0.5, 0.8], (depth, _) => depth, recovery));
        Assert.Equal(recovery, verdict.WorstRecovery, 12);
        Assert.Equal(complete, verdict.RecoversCompletely);
    }

    [Theory]
    [InlineData(0.03)]
    [InlineData(-0.03)]
    public void TheAccuracyShiftIsTheLargestAbsoluteDifferenceBetweenTheInferenceRules(double shift)
    {
        StudyVerdict verdict = StudyVerdict.Of(Study([1, 2], [0.5], (depth, _) => depth, shift: shift));
        Assert.Equal(Math.Abs(shift), verdict.LargestAccuracyShift, 12);
        Assert.Equal(0, StudyVerdict.Of(Study([1, 2], [0.5], (depth, _) => depth)).LargestAccuracyShift);
    }

    [Fact]
    public void AMissingRowIsAnError()
    {
        StudyResult full = Study([1, 2], [0.5], (depth, _) => depth);
        StudyResult partial = full with { Rows = [.. full.Rows.Where(row => !(row.Depth == 2 && row.EvalRule == InferenceRule.AtInference))] };
        ArgumentException ex = Assert.Throws<ArgumentException>(() => StudyVerdict.Of(partial));
        Assert.Contains("depth 2", ex.Message, StringComparison.Ordinal);
    }
}
