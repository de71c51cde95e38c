namespace DropoutLab.Explain;

/// <summary>
/// Exact mean and variance of y, in training and at inference, when the input a is itself random with mean c and
/// variance v (any distribution: only E[a] = c and E[a²] = c² + v enter) and independent of the mask or noise.
/// With q = keepProb, m ~ Bernoulli(q) (m² = m, m·(1 − m) = 0) and ε ~ N(1, (1 − q)/q) (E[ε²] = 1/q):
/// <list type="bullet">
/// <item>no-dropout y = a: c, v in training and at inference.</item>
/// <item>unscaled y = m·a: E = q·c, E[y²] = q·(c² + v), so Var = q(c² + v) − q²c²; inference a: c, v.</item>
/// <item>inverted y = m·a/q: E = c, E[y²] = (c² + v)/q, so Var = (c² + v)/q − c²; inference c, v.</item>
/// <item>dropconnect: what one next-layer unit receives, m·a/q with m on its weight, is inverted's: c, (c² + v)/q − c²; inference c, v.</item>
/// <item>at-inference trains as unscaled; inference y = q·a: q·c, q²·v.</item>
/// <item>gaussian y = a·ε: E = c, E[y²] = (c² + v)·E[ε²] = (c² + v)/q, so Var = (c² + v)/q − c² (as inverted); inference c, v.</item>
/// <item>alpha y = A·x′ + B, x′ = m·a + (1 − m)·α′: E[x′] = q·c + (1 − q)·α′, E[x′²] = q·(c² + v) + (1 − q)·α′², so
/// E = A·E[x′] + B and Var = A²·(E[x′²] − E[x′]²); inference c, v. For c = 0, v = 1: E[x′] = (1 − q)·α′ and
/// Var[x′] = q + α′²·q·(1 − q) = A⁻², so E = 0 and Var = 1 (Klambauer et al. 2017).</item>
/// </list>
/// </summary>
public static class RandomInputMoments
{
    /// <summary>E[y] in training for an input of mean <paramref name="inputMean"/> and variance <paramref name="inputVariance"/>.</summary>
    public static double TrainMean(ExplainRule rule, double inputMean, double inputVariance, double keepProb) => rule switch
    {
        ExplainRule.NoDropout or ExplainRule.Inverted or ExplainRule.Gaussian or ExplainRule.DropConnect => inputMean,
        ExplainRule.Unscaled or ExplainRule.AtInference => keepProb * inputMean,
        ExplainRule.Alpha => (AlphaDropout.Scale(keepProb) * AlphaInputMean(inputMean, keepProb)) + AlphaDropout.Shift(keepProb),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    /// <summary>Var[y] in training.</summary>
    public static double TrainVariance(ExplainRule rule, double inputMean, double inputVariance, double keepProb)
    {
        double square = (inputMean * inputMean) + inputVariance;
        switch (rule)
        {
            case ExplainRule.NoDropout:
                return inputVariance;
            case ExplainRule.Unscaled or ExplainRule.AtInference:
                return (keepProb * square) - (keepProb * keepProb * inputMean * inputMean);
            case ExplainRule.Inverted or ExplainRule.Gaussian or ExplainRule.DropConnect:
                return (square / keepProb) - (inputMean * inputMean);
            case ExplainRule.Alpha:
                double scale = AlphaDropout.Scale(keepProb);
                double mean = AlphaInputMean(inputMean, keepProb);
                double alphaSquare = (keepProb * square) + ((1.0 - keepProb) * AlphaDropout.DroppedValue * AlphaDropout.DroppedValue);
                return scale * scale * (alphaSquare - (mean * mean));
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule.");
        }
    }

    /// <summary>E[y] at inference: q·c for at-inference, c for every other rule.</summary>
    public static double InferenceMean(ExplainRule rule, double inputMean, double keepProb) =>
        UnitMoments.InferenceValue(rule, inputMean, keepProb);

    /// <summary>Var[y] at inference: q²·v for at-inference, v for every other rule.</summary>
    public static double InferenceVariance(ExplainRule rule, double inputVariance, double keepProb) => rule switch
    {
        ExplainRule.AtInference => keepProb * keepProb * inputVariance,
        ExplainRule.NoDropout or ExplainRule.Unscaled or ExplainRule.Inverted or ExplainRule.Gaussian or ExplainRule.Alpha or ExplainRule.DropConnect => inputVariance,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    // E[x′] = q·c + (1 − q)·α′
    private static double AlphaInputMean(double inputMean, double keepProb) =>
        (keepProb * inputMean) + ((1.0 - keepProb) * AlphaDropout.DroppedValue);
}
