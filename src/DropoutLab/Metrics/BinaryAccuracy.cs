namespace DropoutLab.Metrics;

/// <summary>
/// Binary accuracy (1/m)·Σⱼ [ŷⱼ = yⱼ] with ŷⱼ = 1 when the model favours class 1. From a probability the rule is
/// p &gt; 0.5, from a logit z &gt; 0: the same in exact arithmetic, but not always after rounding (σ(z) of a tiny positive
/// z rounds to exactly 0.5), so each entry keeps its own test.
/// </summary>
public static class BinaryAccuracy
{
    /// <summary>(1/m)·Σⱼ [(pⱼ &gt; 0.5) = yⱼ]; NaN when there are no examples.</summary>
    public static double FromProbabilities(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels)
    {
        if (probabilities.Length != labels.Length)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {labels.Length} labels.", nameof(labels));
        }

        int correct = 0;
        for (int j = 0; j < probabilities.Length; j++)
        {
            correct += (probabilities[j] > 0.5 ? 1 : 0) == labels[j] ? 1 : 0;
        }

        return correct / (double)probabilities.Length;
    }

    /// <summary>(1/m)·Σⱼ [(zⱼ &gt; 0) = yⱼ].</summary>
    /// <exception cref="ArgumentException">No examples, or lengths differ.</exception>
    public static double FromLogits(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        BinaryInputs.Check(logits, labels);
        int correct = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            correct += (logits[j] > 0 ? 1 : 0) == labels[j] ? 1 : 0;
        }

        return correct / (double)logits.Length;
    }
}
