namespace DropoutLab.Experiments;

/// <summary>
/// What the layer after hidden layer <paramref name="Layer"/> receives on average: <paramref name="Training"/> = E[μ]
/// over masks, <paramref name="Inference"/> = μ with dropout at its inference rule. Without scaling their ratio is
/// 1/keepProb; inverted dropout and scaling at inference make it 1.
/// </summary>
public sealed record HiddenLayerMeans(int Layer, double KeepProb, double Training, double Inference)
{
    /// <summary>Inference / Training: how much larger the next layer's input is at inference (NaN when Training is 0).</summary>
    public double Ratio => Training == 0 ? double.NaN : Inference / Training;
}
