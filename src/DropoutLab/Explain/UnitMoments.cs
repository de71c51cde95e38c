namespace DropoutLab.Explain;

/// <summary>
/// Exact moments of one unit's output under each rule. With m ~ Bernoulli(keepProb): E[m] = keepProb and
/// Var[m] = keepProb·(1 − keepProb), so for y = c·m·a: E[y] = c·keepProb·a and Var[y] = c²·a²·keepProb·(1 − keepProb).
/// Gaussian y = a·ε, E[ε] = 1, Var[ε] = (1 − keepProb)/keepProb: E[y] = a, Var[y] = a²·(1 − keepProb)/keepProb.
/// DropConnect's y = m·a/keepProb (the mask on the weight into one next-layer unit) has inverted dropout's moments.
/// Alpha y = A·(α′ + m·(a − α′)) + B: E[y] = A·(keepProb·a + (1 − keepProb)·α′) + B = A·keepProb·a (B cancels the α′
/// term) and Var[y] = A²·(a − α′)²·keepProb·(1 − keepProb).
/// </summary>
public static class UnitMoments
{
    // E[y]: no-dropout a; unscaled, at-inference keepProb·a; inverted (keepProb·a)/keepProb = a; gaussian a·E[ε] = a;
    // alpha A·(keepProb·a + (1 − keepProb)·α′) + B
    /// <summary>The training-time expectation E[y] of the output of a unit with activation <paramref name="activation"/>.</summary>
    public static double TrainMean(ExplainRule rule, double activation, double keepProb) => rule switch
    {
        ExplainRule.NoDropout => activation,
        ExplainRule.Unscaled or ExplainRule.AtInference => keepProb * activation,
        ExplainRule.Inverted or ExplainRule.Gaussian or ExplainRule.DropConnect => activation,
        ExplainRule.Alpha => (AlphaDropout.Scale(keepProb) * ((keepProb * activation) + ((1.0 - keepProb) * AlphaDropout.DroppedValue))) + AlphaDropout.Shift(keepProb),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    // Var[y]: no-dropout 0; unscaled, at-inference a²·keepProb(1 − keepProb); inverted, gaussian a²·(1 − keepProb)/keepProb;
    // alpha A²·(a − α′)²·keepProb(1 − keepProb)
    /// <summary>The training-time variance Var[y] of the output.</summary>
    public static double TrainVariance(ExplainRule rule, double activation, double keepProb) => rule switch
    {
        ExplainRule.NoDropout => 0.0,
        ExplainRule.Unscaled or ExplainRule.AtInference => activation * activation * keepProb * (1.0 - keepProb),
        ExplainRule.Inverted or ExplainRule.Gaussian or ExplainRule.DropConnect => activation * activation * (1.0 - keepProb) / keepProb,
        ExplainRule.Alpha => AlphaVariance(activation, keepProb),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    // inference: no-dropout, unscaled, inverted, gaussian, alpha a; at-inference keepProb·a
    /// <summary>What the unit outputs at inference, where no unit is dropped.</summary>
    public static double InferenceValue(ExplainRule rule, double activation, double keepProb) => rule switch
    {
        ExplainRule.NoDropout or ExplainRule.Unscaled or ExplainRule.Inverted or ExplainRule.Gaussian or ExplainRule.Alpha or ExplainRule.DropConnect => activation,
        ExplainRule.AtInference => keepProb * activation,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    // inference / E[y]: unscaled a/(keepProb·a) = 1/keepProb; alpha a/(A·keepProb·a) = 1/(A·keepProb); every other rule 1
    /// <summary>
    /// The train-to-inference mismatch: the factor by which the inference output exceeds the training-time
    /// expectation, the same for every a ≠ 0.
    /// </summary>
    public static double Mismatch(ExplainRule rule, double keepProb) => rule switch
    {
        ExplainRule.Unscaled => 1.0 / keepProb,
        ExplainRule.Alpha => 1.0 / (AlphaDropout.Scale(keepProb) * keepProb),
        ExplainRule.NoDropout or ExplainRule.Inverted or ExplainRule.AtInference or ExplainRule.Gaussian or ExplainRule.DropConnect => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    private static double AlphaVariance(double activation, double keepProb)
    {
        double scale = AlphaDropout.Scale(keepProb);
        double gap = activation - AlphaDropout.DroppedValue;
        return scale * scale * gap * gap * keepProb * (1.0 - keepProb);
    }
}
