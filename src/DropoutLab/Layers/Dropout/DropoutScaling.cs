namespace DropoutLab.Layers;

/// <summary>
/// How a dropout layer keeps the expected activation the same between training and inference.
/// With mask mᵢ ~ Bernoulli(keepProb): E[mᵢ·aᵢ] = keepProb·aᵢ, so one side must be rescaled.
/// </summary>
public enum DropoutScaling
{
    /// <summary>
    /// Inverted dropout (PyTorch, Keras): train y = m⊙a/keepProb, backward dA = m⊙dY/keepProb, eval y = a.
    /// E[y] = a during training, so inference needs no change.
    /// </summary>
    Inverted,

    /// <summary>
    /// Weight scaling at inference (Srivastava et al., JMLR 2014): train y = m⊙a, backward dA = m⊙dY,
    /// eval y = keepProb·a, which equals the training-time expectation.
    /// </summary>
    AtInference,

    /// <summary>
    /// No scaling anywhere (the classic mistake, kept to demonstrate it): train y = m⊙a, eval y = a.
    /// Inference activations are 1/keepProb times their training-time expectation.
    /// </summary>
    None,
}
