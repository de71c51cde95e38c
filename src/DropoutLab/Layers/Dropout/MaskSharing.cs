namespace DropoutLab.Layers;

/// <summary>
/// Which elements of an activation matrix (units × examples) share one keep bit (or one Gaussian ε) in a dropout
/// layer's training pass.
/// </summary>
public enum MaskSharing
{
    /// <summary>Every element has its own bit: element e = r·m + j is drawn from the counter stream as index e (the default).</summary>
    Element,

    /// <summary>
    /// One bit per unit, shared by every example of the batch (Keras <c>noise_shape=(1, units)</c>, Flax
    /// <c>broadcast_dims</c>): bit(r, j) is the bit the counter stream draws for index r. A Monte-Carlo prediction of an
    /// example then depends neither on the batch it sits in nor on its position there.
    /// </summary>
    Feature,
}
