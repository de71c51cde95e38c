namespace DropoutLab.Explain;

/// <summary>
/// The rules <c>explain</c> compares for one unit with activation a and mask m ~ Bernoulli(keepProb).
/// Training output y and inference output are, per rule:
/// no-dropout y = a, a; unscaled y = m·a, a; inverted y = m·a/keepProb, a; at-inference y = m·a, keepProb·a;
/// gaussian y = a·ε with ε ~ N(1, (1 − keepProb)/keepProb), a; alpha y = A·(m·a + (1 − m)·α′) + B, a.
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

    /// <summary>
    /// Gaussian dropout (Srivastava et al. 2014, §10; Keras <c>GaussianDropout</c>): train y = a·ε with
    /// ε ~ N(1, (1 − keepProb)/keepProb), inference y = a. The same mean and variance as inverted dropout, no zeros.
    /// </summary>
    Gaussian,

    /// <summary>
    /// Alpha dropout (Klambauer et al. 2017, self-normalizing networks; PyTorch and Keras <c>AlphaDropout</c>): a dropped
    /// unit is set to SELU's negative saturation α′ = −λα instead of 0, then y = A·x′ + B (see <see cref="AlphaDropout"/>);
    /// inference y = a. Keeps mean 0 and variance 1 of a standardized input.
    /// </summary>
    Alpha,
}
