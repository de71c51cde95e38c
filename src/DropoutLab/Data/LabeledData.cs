namespace DropoutLab.Data;

/// <summary>
/// Examples for mini-batch training: features row-major, one example per row (examples × features, as stored in
/// IDX and CSV files), and a class label per example.
/// </summary>
public sealed class LabeledData
{
    /// <summary>Wraps the arrays without copying.</summary>
    public LabeledData(float[] features, int[] labels, int featureCount, int classCount, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException($"{features.Length} feature values for {labels.Length} examples of {featureCount} features.", nameof(features));
        }

        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
        Source = source;
    }

#pragma warning disable CA1819 // read by kernels
    /// <summary>examples × features, row-major.</summary>
    public float[] Features { get; }

    /// <summary>Labels in 0 .. ClassCount − 1.</summary>
    public int[] Labels { get; }
#pragma warning restore CA1819

    /// <summary>Features per example.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>Example <paramref name="index"/>'s features.</summary>
    public ReadOnlySpan<float> Example(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>From an MNIST-format split.</summary>
    public static LabeledData FromMnist(MnistSplit split, int classCount, string source)
    {
        ArgumentNullException.ThrowIfNull(split);
        return new LabeledData(split.Features, split.Labels, split.FeatureCount, classCount, source);
    }

    /// <summary>From a CSV dataset (features are rounded to float32).</summary>
    public static LabeledData FromDataset(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int n = dataset.Count, f = dataset.FeatureCount;
        var features = new float[n * f];
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < f; k++)
            {
                features[(j * f) + k] = (float)dataset.Features[k, j];
            }
        }

        return new LabeledData(features, dataset.Labels, f, dataset.ClassCount, dataset.Source);
    }
}
