using DropoutLab.Numerics;

namespace DropoutLab.Metrics;

// Notation: m examples, logit zⱼ, probability pⱼ = σ(zⱼ) = P(y = 1 | xⱼ), label yⱼ ∈ {0, 1}.

/// <summary>
/// Binary log-loss (mean binary cross-entropy) L = (1/m)·Σⱼ −yⱼ·ln pⱼ − (1 − yⱼ)·ln(1 − pⱼ), from probabilities or
/// from logits. The two entries are different arithmetic of the same quantity and differ in the last bits; each
/// keeps the arithmetic of the results it produces.
/// </summary>
public static class BinaryLogLoss
{
    /// <summary>
    /// L with pⱼ clipped by <see cref="LogLossClipping"/> to [ε, 1 − ε], ε = <see cref="LogLossClipping.ProbabilityEpsilon"/>:
    /// the term of example j is −ln clip(pⱼ) when yⱼ = 1 and −ln(1 − clip(pⱼ)) otherwise, summed in example order and
    /// divided by m (NaN when there are no examples). A label other than 1 counts as class 0.
    /// </summary>
    public static double FromProbabilities(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels)
    {
        if (probabilities.Length != labels.Length)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {labels.Length} labels.", nameof(labels));
        }

        double sum = 0.0;
        for (int j = 0; j < probabilities.Length; j++)
        {
            double p = LogLossClipping.Clip(probabilities[j], LogLossClipping.ProbabilityEpsilon);
            sum -= labels[j] == 1 ? PortableMath.Log(p) : PortableMath.Log(1.0 - p);
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// L from the logits, term by term max(zⱼ, 0) − zⱼ·yⱼ + ln(1 + e^(−|zⱼ|)) (= −yⱼ·ln σ(zⱼ) − (1 − yⱼ)·ln(1 − σ(zⱼ))
    /// exactly), which is finite for every finite z, so nothing is clipped: a confidently wrong logit of 800 costs 800.
    /// </summary>
    /// <exception cref="ArgumentException">No examples, or lengths differ.</exception>
    public static double FromLogits(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        BinaryInputs.Check(logits, labels);
        double sum = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            double z = logits[j];
            sum += Math.Max(z, 0) - (z * labels[j]) + PortableMath.Log(1 + PortableMath.Exp(-Math.Abs(z)));
        }

        return sum / logits.Length;
    }
}
