namespace DropoutLab.Data;

/// <summary>
/// Examples for regression: features row-major, one example per row (examples × features), and real-valued targets
/// row-major (examples × outputs), both as the trainer reads them (standardized by the caller when it wants that).
/// </summary>
public sealed class RegressionData
{
    /// <summary>Wraps the arrays without copying.</summary>
    /// <exception cref="ArgumentException">The arrays do not hold whole examples of the given widths, or a value is not finite.</exception>
    public RegressionData(float[] features, float[] targets, int featureCount, int outputCount, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        if (features.Length % featureCount != 0 || targets.Length != features.Length / featureCount * outputCount)
        {
            throw new ArgumentException($"{features.Length} feature values and {targets.Length} targets are not whole examples of {featureCount} features and {outputCount} outputs.", nameof(targets));
        }

        if (Array.FindIndex(features, value => !float.IsFinite(value)) is var feature and >= 0)
        {
            throw new ArgumentException($"example {(feature / featureCount) + 1}, feature {(feature % featureCount) + 1} is not finite.", nameof(features));
        }

        if (Array.FindIndex(targets, value => !float.IsFinite(value)) is var target and >= 0)
        {
            throw new ArgumentException($"example {(target / outputCount) + 1}, target {(target % outputCount) + 1} is not finite.", nameof(targets));
        }

        Features = features;
        Targets = targets;
        FeatureCount = featureCount;
        OutputCount = outputCount;
        Source = source;
    }

#pragma warning disable CA1819 // read by kernels
    /// <summary>examples × features, row-major.</summary>
    public float[] Features { get; }

    /// <summary>examples × outputs, row-major.</summary>
    public float[] Targets { get; }
#pragma warning restore CA1819

    /// <summary>Features per example.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets per example (the network's output width).</summary>
    public int OutputCount { get; }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Features.Length / FeatureCount;

    /// <summary>The features alone, for prediction.</summary>
    public FeatureTable FeatureTable => new(Features, FeatureCount, Source);
}
