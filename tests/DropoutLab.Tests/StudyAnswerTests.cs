using DropoutLab.Cli.Output;
using DropoutLab.Layers;
using DropoutLab.Study;

namespace DropoutLab.Tests;

/// <summary>The study's written answer on constructed tables: every sentence follows the numbers in the table.</summary>
public class StudyAnswerTests
{
    // One keep-prob (0.5), depths 1 and 2; log-losses per depth of inverted dropout, no scaling (plain) and no
    // scaling ×keep-prob at inference; accuracies 0.90 except the plain unscaled nets at 0.90 − shift.
    private static StudyResult Table(double[] inverted, double[] none, double[] atInference, double shift = 0)
    {
        int[] depths = [1, 2];
        var settings = new StudySettings { Depths = depths, KeepProbs = [0.5], Scalings = [DropoutScaling.Inverted, DropoutScaling.None], Seeds = 1 };
        var rows = new List<StudyRow>();
        for (int i = 0; i < depths.Length; i++)
        {
            rows.Add(Row(depths[i], DropoutScaling.Inverted, InferenceRule.Plain, inverted[i], 0.90));
            rows.Add(Row(depths[i], DropoutScaling.None, InferenceRule.Plain, none[i], 0.90 - shift));
            rows.Add(Row(depths[i], DropoutScaling.None, InferenceRule.AtInference, atInference[i], 0.90));
        }

        return new StudyResult(settings, "train.csv", "test.csv", [], rows);
    }

    private static StudyRow Row(int depth, DropoutScaling scaling, InferenceRule rule, double logLoss, double accuracy) =>
        new(depth, 0.5, scaling, rule, 1, new MeanStd(accuracy, 0), new MeanStd(logLoss, 0), new MeanStd(0.05, 0), new MeanStd(2, 0), [1.0, 1.0]);

    private static string Answer(StudyResult result) => StudyAnswer.Lines(result)[^1];

    [Fact]
    public void WhenScalingAtInferenceMakesTheUnscaledNetsWorseTheAnswerSaysItDoesNotRepairThem()
    {
        // The tiny run of the issue: ×keep-prob 0.445/0.496 against inverted 0.380/0.378, and worse than plain.
        StudyVerdict verdict = StudyVerdict.Of(Table([0.380, 0.378], [0.400, 0.420], [0.445, 0.496]));
        Assert.False(verdict.InferenceScalingHelps);
        Assert.Equal(-0.076, verdict.SmallestInferenceGain, 12);

        string answer = Answer(Table([0.380, 0.378], [0.400, 0.420], [0.445, 0.496]));
        Assert.Contains("does not repair the unscaled nets: somewhere it raises their log-loss, by up to 0.076, and it stays up to 0.118 above inverted dropout's.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("repairs", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("weights were fine", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenScalingAtInferenceHelpsButFallsShortTheAnswerSaysBoth()
    {
        string answer = Answer(Table([0.30, 0.30], [0.50, 0.90], [0.35, 0.40]));
        Assert.Contains("lowers the unscaled nets' log-loss at every depth but does not repair them: it stays up to 0.100 above inverted dropout's", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("repairs", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyAFullRecoveryIsCalledARepair()
    {
        string answer = Answer(Table([0.30, 0.30], [0.50, 0.90], [0.30, 0.29]));
        Assert.Contains("repairs the unscaled nets completely", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.005, "Accuracy hardly notices", "Accuracy moves too")]
    [InlineData(0.10, "Accuracy moves too: on the same trained weights, plain and ×keep-prob inference differ by up to 10.0% in test accuracy.", "hardly")]
    public void TheAccuracySentenceFollowsTheAccuracyShift(double shift, string says, string doesNotSay)
    {
        string answer = Answer(Table([0.30, 0.30], [0.50, 0.90], [0.30, 0.29], shift));
        Assert.Contains(says, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(doesNotSay, answer, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlainTextAnswerHasNoMarkdownAndStudyMdKeepsItsEmphasis()
    {
        StudyResult yes = Table([0.30, 0.30], [0.50, 0.90], [0.30, 0.29]);
        StudyResult no = Table([0.30, 0.30], [0.90, 0.50], [0.30, 0.29]);
        Assert.StartsWith("Answer: yes. ", Answer(yes), StringComparison.Ordinal);
        Assert.StartsWith("Answer: not in this run. ", Answer(no), StringComparison.Ordinal);
        Assert.All(StudyAnswer.Lines(yes), line => Assert.DoesNotContain("**", line, StringComparison.Ordinal));
        Assert.Contains("**Answer: yes.**", StudyAnswer.Markdown(yes), StringComparison.Ordinal);
        Assert.Contains("**Answer: not in this run.**", StudyAnswer.Markdown(no), StringComparison.Ordinal);
    }

    [Fact]
    public void StudyMdCountsSeedsAndUnitsInTheRightNumber()
    {
        string md = StudyAnswer.Markdown(Table([0.30, 0.30], [0.50, 0.90], [0.30, 0.29]));
        Assert.Contains(", 1 seed per configuration;", md, StringComparison.Ordinal);
        Assert.DoesNotContain("seed(s)", md, StringComparison.Ordinal);
    }
}
