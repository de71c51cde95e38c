namespace DropoutLab.Layers;

/// <summary>
/// The constants of the scaled exponential linear unit (Klambauer, Unterthiner, Mayr and Hochreiter,
/// "Self-Normalizing Neural Networks", NeurIPS 2017): the λ and α for which N(0, 1) is the fixed point of the
/// activations' mean and variance under LeCun-normal weights.
/// </summary>
internal static class SeluConstants
{
    /// <summary>λ ≈ 1.0507009873554805, the scale.</summary>
    public const double Lambda = 1.0507009873554804934193349852946;

    /// <summary>α ≈ 1.6732632423543772, the negative saturation of ELU.</summary>
    public const double Alpha = 1.6732632423543772848170429916717;

    /// <summary>
    /// α′ = −λ·α ≈ −1.7580993408473766, the limit of selu(x) as x → −∞ (the product of the two doubles, the value
    /// PyTorch and Keras use).
    /// </summary>
    public const double NegativeSaturation = -Lambda * Alpha;
}
