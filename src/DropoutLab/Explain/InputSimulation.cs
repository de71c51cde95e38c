using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Explain;

/// <summary>
/// Monte-Carlo of "what is kept unchanged": trial t draws a = c + √v·g (g from <see cref="StandardNormal"/>), passes it
/// through the rule's training-time mask or noise (<see cref="RuleNoise"/>), then draws a fresh a′ the same way and
/// records the inference output. The training and inference samples are therefore independent, so the variance ratio's
/// interval combines two independent estimates: by the delta method Var[ln(s₁²/s₂²)] ≈ Var[s₁²]/s₁⁴ + Var[s₂²]/s₂⁴,
/// and the interval is (s₁²/s₂²)·exp(±1.96·√that).
/// </summary>
internal static class InputSimulation
{
    public static KeptUnchangedReport Run(ExplainRule rule, ExplainSettings settings, IRandomSource random)
    {
        double keepProb = settings.KeepProb, c = settings.InputMean, v = settings.InputVariance;
        double sd = Math.Sqrt(v);
        var train = new RunningMoments();
        var inference = new RunningMoments();
        for (int t = 0; t < settings.Trials; t++)
        {
            double a = c + (sd * StandardNormal.Draw(random));
            train.Add(RuleNoise.TrainOutput(rule, a, keepProb, random));
            double fresh = c + (sd * StandardNormal.Draw(random));
            inference.Add(UnitMoments.InferenceValue(rule, fresh, keepProb));
        }

        double trainVariance = RandomInputMoments.TrainVariance(rule, c, v, keepProb);
        double inferenceVariance = RandomInputMoments.InferenceVariance(rule, v, keepProb);
        return new KeptUnchangedReport(
            rule,
            new Estimate(RandomInputMoments.TrainMean(rule, c, v, keepProb), train.Mean, train.Ci95),
            new Estimate(trainVariance, train.Variance, train.VarianceCi95),
            new Estimate(RandomInputMoments.InferenceMean(rule, c, keepProb), inference.Mean, inference.Ci95),
            new Estimate(inferenceVariance, inference.Variance, inference.VarianceCi95),
            Ratio(trainVariance / inferenceVariance, train, inference));
    }

    private static Estimate Ratio(double analytic, RunningMoments train, RunningMoments inference)
    {
        double ratio = train.Variance / inference.Variance;
        double relativeTrain = train.VarianceStandardError / train.Variance;
        double relativeInference = inference.VarianceStandardError / inference.Variance;
        double logSpread = RunningMoments.Z95 * Math.Sqrt((relativeTrain * relativeTrain) + (relativeInference * relativeInference));
        bool defined = double.IsFinite(ratio) && double.IsFinite(logSpread);
        return new Estimate(
            analytic,
            double.IsFinite(ratio) ? ratio : double.NaN,
            defined ? new Interval(ratio * PortableMath.Exp(-logSpread), ratio * PortableMath.Exp(logSpread)) : new Interval(double.NaN, double.NaN));
    }
}
