using DropoutLab.Layers;

namespace DropoutLab.Study;

/// <summary>
/// The study's answer to "does scaling matter more in deeper networks?", computed from its rows. With d₁ the
/// shallowest and d₂ the deepest depth and, at each keepProb, g(d) = L̄(no scaling, plain) − L̄(inverted, plain)
/// the gap of mean test log-losses (<see cref="LogLossGap"/>):
/// <list type="bullet">
/// <item>without both training rules there is no answer (<see cref="StudyVerdictOutcome.NeedsBothTrainingRules"/>),
/// checked first; with a single depth neither (<see cref="StudyVerdictOutcome.NeedsTwoDepths"/>);</item>
/// <item>otherwise the answer is <see cref="StudyVerdictOutcome.Yes"/> when g(d₂) &gt; g(d₁) at every keepProb
/// (strictly; a NaN gap does not grow) and <see cref="StudyVerdictOutcome.NotInThisRun"/> when not.</item>
/// </list>
/// Alongside, over every depth and keepProb: <see cref="WorstRecovery"/>, the largest
/// L̄(no scaling, ×keepProb at inference) − L̄(inverted, plain), and <see cref="LargestAccuracyShift"/>, the largest
/// |Ā(no scaling, plain) − Ā(no scaling, ×keepProb at inference)| of mean test accuracies, and
/// <see cref="SmallestInferenceGain"/>, the smallest L̄(no scaling, plain) − L̄(no scaling, ×keepProb at inference).
/// </summary>
/// <param name="Outcome">The answer, or why there is none.</param>
/// <param name="ShallowDepth">d₁, the smallest depth (0 when the settings list none).</param>
/// <param name="DeepDepth">d₂, the largest depth (equal to d₁ for a single depth).</param>
/// <param name="Gaps">One gap per keepProb, in the settings' order; empty without an answer.</param>
/// <param name="WorstRecovery">≤ 0 when scaling at inference recovers inverted dropout's log-loss everywhere; NaN without an answer.</param>
/// <param name="LargestAccuracyShift">At least 0; NaN without an answer.</param>
public sealed record StudyVerdict(
    StudyVerdictOutcome Outcome,
    int ShallowDepth,
    int DeepDepth,
    IReadOnlyList<LogLossGap> Gaps,
    double WorstRecovery,
    double LargestAccuracyShift)
{
    /// <summary>True for <see cref="StudyVerdictOutcome.Yes"/> and <see cref="StudyVerdictOutcome.NotInThisRun"/>.</summary>
    public bool HasAnswer => Outcome is StudyVerdictOutcome.Yes or StudyVerdictOutcome.NotInThisRun;

    /// <summary>Scaling at inference is no worse than inverted dropout in log-loss at any depth: <see cref="WorstRecovery"/> ≤ 0.</summary>
    public bool RecoversCompletely => WorstRecovery <= 0;

    /// <summary>
    /// Over every depth and keepProb, the smallest drop in the mean test log-loss of the nets trained without scaling
    /// when their hidden activations are multiplied by keepProb at inference: L̄(no scaling, plain) − L̄(no scaling,
    /// ×keepProb at inference). Positive when scaling at inference lowers their log-loss everywhere; NaN without an answer.
    /// </summary>
    public double SmallestInferenceGain { get; init; } = double.NaN;

    /// <summary>Scaling at inference lowers the unscaled nets' log-loss at every depth and keepProb: <see cref="SmallestInferenceGain"/> &gt; 0.</summary>
    public bool InferenceScalingHelps => SmallestInferenceGain > 0;

    /// <summary>The verdict of <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">The verdict needs a (depth, keepProb, rule) row that <paramref name="result"/> lacks.</exception>
    public static StudyVerdict Of(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        StudySettings settings = result.Settings;
        int[] depths = [.. settings.Depths.Distinct().Order()];
        int shallow = depths.Length > 0 ? depths[0] : 0, deep = depths.Length > 0 ? depths[^1] : 0;
        if (!settings.Scalings.Contains(DropoutScaling.None) || !settings.Scalings.Contains(DropoutScaling.Inverted))
        {
            return NoAnswer(StudyVerdictOutcome.NeedsBothTrainingRules, shallow, deep);
        }

        if (depths.Length < 2)
        {
            return NoAnswer(StudyVerdictOutcome.NeedsTwoDepths, shallow, deep);
        }

        var gaps = new List<LogLossGap>(settings.KeepProbs.Count);
        double worstRecovery = double.NegativeInfinity;
        double accuracyShift = 0;
        double smallestGain = double.PositiveInfinity;
        foreach (double keepProb in settings.KeepProbs)
        {
            gaps.Add(new LogLossGap(keepProb, Gap(result, shallow, keepProb), Gap(result, deep, keepProb)));
            foreach (int depth in depths)
            {
                StudyRow inverted = Row(result, depth, keepProb, DropoutScaling.Inverted, InferenceRule.Plain);
                StudyRow none = Row(result, depth, keepProb, DropoutScaling.None, InferenceRule.Plain);
                StudyRow atInference = Row(result, depth, keepProb, DropoutScaling.None, InferenceRule.AtInference);
                worstRecovery = Math.Max(worstRecovery, atInference.TestLogLoss.Mean - inverted.TestLogLoss.Mean);
                accuracyShift = Math.Max(accuracyShift, Math.Abs(none.TestAccuracy.Mean - atInference.TestAccuracy.Mean));
                smallestGain = Math.Min(smallestGain, none.TestLogLoss.Mean - atInference.TestLogLoss.Mean);
            }
        }

        StudyVerdictOutcome outcome = gaps.TrueForAll(gap => gap.Grows) ? StudyVerdictOutcome.Yes : StudyVerdictOutcome.NotInThisRun;
        return new StudyVerdict(outcome, shallow, deep, gaps, worstRecovery, accuracyShift) { SmallestInferenceGain = smallestGain };
    }

    private static StudyVerdict NoAnswer(StudyVerdictOutcome outcome, int shallow, int deep) =>
        new(outcome, shallow, deep, [], double.NaN, double.NaN);

    private static double Gap(StudyResult result, int depth, double keepProb) =>
        Row(result, depth, keepProb, DropoutScaling.None, InferenceRule.Plain).TestLogLoss.Mean
        - Row(result, depth, keepProb, DropoutScaling.Inverted, InferenceRule.Plain).TestLogLoss.Mean;

    private static StudyRow Row(StudyResult result, int depth, double keepProb, DropoutScaling scaling, InferenceRule rule) =>
        result.Find(depth, keepProb, scaling, rule)
        ?? throw new ArgumentException($"the study has no row for depth {depth}, keepProb {keepProb}, training rule {scaling.ToName()}, inference rule {rule.ToName()}.", nameof(result));
}
