namespace DropoutLab.Data;

/// <summary>
/// One split of an MNIST-format dataset: <see cref="Features"/> is row-major
/// (<see cref="Count"/> × <see cref="FeatureCount"/>) with pixel/255 ∈ [0, 1].
/// </summary>
public sealed record MnistSplit(float[] Features, int[] Labels, int Count, int FeatureCount);
