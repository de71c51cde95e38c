namespace DropoutLab.Experiments;

/// <summary>
/// What the layer after hidden layer <paramref name="Layer"/> receives, in training (over fresh masks of every layer,
/// upstream ones included) and at inference (dropout at its inference rule): the mean over units and examples, and
/// the variance of each unit over the examples (and masks), averaged over the units.
/// </summary>
/// <remarks>
/// Inverted dropout keeps the first layer's mean (<see cref="MeanRatio"/> = 1; without scaling it is 1/keepProb) but
/// not its variance: for an input of mean c and variance v a unit's training variance is (c² + v)/keepProb − c²,
/// against v at inference (<see cref="VarianceRatio"/> &gt; 1) — the "variance shift" of Li, Chen, Hu and Yang
/// (CVPR 2019) that a BatchNorm after dropout then normalizes with the wrong statistics.
/// </remarks>
public sealed record HiddenLayerMoments(int Layer, double KeepProb, double TrainingMean, double InferenceMean, double TrainingVariance, double InferenceVariance)
{
    /// <summary>InferenceMean / TrainingMean: how much larger the next layer's mean input is at inference (NaN when TrainingMean is 0).</summary>
    public double MeanRatio => TrainingMean == 0 ? double.NaN : InferenceMean / TrainingMean;

    /// <summary>TrainingVariance / InferenceVariance: how much more a unit varies in training (NaN when InferenceVariance is 0).</summary>
    public double VarianceRatio => InferenceVariance == 0 ? double.NaN : TrainingVariance / InferenceVariance;
}
