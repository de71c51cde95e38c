using DropoutLab.Random;

namespace DropoutLab.Explain;

/// <summary>
/// One training-time output y of one unit under a rule, its mask or noise drawn from an injected generator. A mask is
/// m = [u &lt; keepProb] for one uniform u (numpy's <c>rand() &lt; keep_prob</c>, the masks of the dropout layer);
/// Gaussian noise is ε = 1 + √((1 − keepProb)/keepProb)·g with g from <see cref="StandardNormal"/> (two uniforms).
/// no-dropout y = a (no draw); unscaled, at-inference y = m·a; inverted and dropconnect (the mask on the weight) y = m·a/keepProb; gaussian y = a·ε;
/// alpha y = A·x′ + B with x′ = a if m = 1, α′ if m = 0.
/// </summary>
internal static class RuleNoise
{
    public static double TrainOutput(ExplainRule rule, double activation, double keepProb, IRandomSource random) => rule switch
    {
        ExplainRule.NoDropout => activation,
        ExplainRule.Unscaled or ExplainRule.AtInference => Keep(keepProb, random) ? activation : 0.0,
        ExplainRule.Inverted or ExplainRule.DropConnect => Keep(keepProb, random) ? activation / keepProb : 0.0,
        ExplainRule.Gaussian => activation * (1.0 + (Math.Sqrt((1.0 - keepProb) / keepProb) * StandardNormal.Draw(random))),
        ExplainRule.Alpha => (AlphaDropout.Scale(keepProb) * (Keep(keepProb, random) ? activation : AlphaDropout.DroppedValue)) + AlphaDropout.Shift(keepProb),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    private static bool Keep(double keepProb, IRandomSource random) => random.NextDouble() < keepProb;
}
