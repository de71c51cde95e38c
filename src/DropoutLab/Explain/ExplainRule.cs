namespace DropoutLab.Explain;

/// <summary>
/// The rules <c>explain</c> compares for one unit with activation a and mask m ~ Bernoulli(keepProb).
/// Training output y and inference output are, per rule:
/// no-dropout y = a, a; unscaled y = m·a, a; inverted y = m·a/keepProb, a; at-inference y = m·a, keepProb·a.
/// </summary>
public enum ExplainRule
{
    /// <summary>No dropout: y = a in training and at inference.</summary>
    NoDropout,

    /// <summary>Dropout without any scaling (the classic mistake): train y = m·a, inference y = a.</summary>
    Unscaled,

    /// <summary>Inverted dropout: train y = m·a/keepProb, inference y = a.</summary>
    Inverted,

    /// <summary>Weight scaling at inference: train y = m·a, inference y = keepProb·a.</summary>
    AtInference,
}
