namespace DropoutLab.Training;

/// <summary>Which dropout <see cref="MlpNetwork{T}"/> puts on its inputs and on every hidden layer.</summary>
public enum DropoutVariant
{
    /// <summary>Bernoulli keep bits with the chosen scaling rule (<see cref="Layers.Dropout{T}"/>, fused with ReLU as <see cref="Layers.ReluDropout{T}"/>; the default).</summary>
    Bernoulli,

    /// <summary>Multiplicative noise ε ~ N(1, (1 − keepProb)/keepProb) (<see cref="Layers.GaussianDropout{T}"/>; inverted scaling only).</summary>
    Gaussian,

    /// <summary>
    /// Alpha dropout of self-normalizing networks (<see cref="Layers.AlphaDropout{T}"/>; inverted scaling only). It needs
    /// <see cref="HiddenActivation.Selu"/> and LeCun-normal weights (<see cref="MlpSettings.InitGain"/> 1, the default).
    /// </summary>
    Alpha,

    /// <summary>
    /// DropConnect (Wan et al., ICML 2013): Bernoulli masks on each dense layer's weights instead of the activations,
    /// one mask per mini-batch (<see cref="Layers.DropConnect{T}"/>; inverted scaling only). The dense layer after the
    /// inputs takes the input keep probability, the one after hidden layer l that layer's; no activation is dropped.
    /// </summary>
    DropConnect,
}
