namespace DropoutLab.Data;

/// <summary>
/// Unlabelled examples to predict: features row-major, one example per row (examples × features), as in
/// <see cref="LabeledData"/> but without labels.
/// </summary>
public sealed class FeatureTable
{
    /// <summary>Wraps the array without copying.</summary>
    public FeatureTable(float[] features, int featureCount, string source, string? ignoredColumn = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length % featureCount != 0)
        {
            throw new ArgumentException($"{features.Length} feature values are not whole examples of {featureCount} features.", nameof(features));
        }

        Features = features;
        FeatureCount = featureCount;
        Source = source;
        IgnoredColumn = ignoredColumn;
    }

#pragma warning disable CA1819 // read by kernels
    /// <summary>examples × features, row-major.</summary>
    public float[] Features { get; }
#pragma warning restore CA1819

    /// <summary>Features per example.</summary>
    public int FeatureCount { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Features.Length / FeatureCount;

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The header name of a trailing column that was read past (a label column), or null.</summary>
    public string? IgnoredColumn { get; }

    /// <summary>Example <paramref name="index"/>'s features.</summary>
    public ReadOnlySpan<float> Example(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);
}
