namespace DropoutLab.Explain;

/// <summary>
/// The rules <c>explain</c> compares for one unit with activation a and mask m ~ Bernoulli(keepProb).
/// Training output y and inference output are, per rule:
/// no-dropout y = a, a; unscaled y = m·a, a; inverted y = m·a/keepProb, a; at-inference y = m·a, keepProb·a;
/// gaussian y = a·ε with ε ~ N(1, (1 − keepProb)/keepProb), a; alpha y = A·(m·a + (1 − m)·α′) + B, a; dropconnect
/// y = m·a/keepProb with m on the weight from the unit to the next-layer unit, a.
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

    /// <summary>
    /// DropConnect (Wan, Zeiler, Zhang, LeCun and Fergus, ICML 2013): the mask is on the weights, not the units, so the
    /// next-layer unit computes z = Σᵢ mᵢ·wᵢ·aᵢ/keepProb + b with its own mask per weight; inference z = w·a + b. What one
    /// next-layer unit receives from unit i, y = mᵢ·aᵢ/keepProb, has exactly inverted dropout's distribution (mean a,
    /// variance a²·(1 − keepProb)/keepProb); the rules differ only across next-layer units, which under DropConnect draw
    /// independent masks for the same unit instead of sharing its one bit. Not among the rules reported by default.
    /// </summary>
    DropConnect,
}
