using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Data;

/// <summary>Examples with integer class labels. Features are stored features × examples (one column per example).</summary>
public sealed class Dataset
{
    /// <summary>Creates a dataset; <paramref name="features"/> is features × examples.</summary>
    public Dataset(Matrix<double> features, int[] labels, int classCount, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.Columns)
        {
            throw new ArgumentException($"{labels.Length} labels for {features.Columns} examples.", nameof(labels));
        }

        Features = features;
        Labels = labels;
        ClassCount = classCount;
        Source = source;
    }

    /// <summary>features × examples.</summary>
    public Matrix<double> Features { get; }

#pragma warning disable CA1819 // read by kernels
    /// <summary>One label per example, in 0 .. ClassCount − 1.</summary>
    public int[] Labels { get; }
#pragma warning restore CA1819

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Where the data came from (a path or a name), for messages.</summary>
    public string Source { get; }

    /// <summary>Number of features per example.</summary>
    public int FeatureCount => Features.Rows;

    /// <summary>Number of examples.</summary>
    public int Count => Features.Columns;

    /// <summary>The features converted to <typeparamref name="T"/>.</summary>
    public Matrix<T> FeaturesAs<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var result = new Matrix<T>(Features.Rows, Features.Columns);
        for (int i = 0; i < Features.Data.Length; i++)
        {
            result.Data[i] = T.CreateChecked(Features.Data[i]);
        }

        return result;
    }

    /// <summary>The labels as a 1 × m row of <typeparamref name="T"/> (for binary cross-entropy).</summary>
    public Matrix<T> LabelRow<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var result = new Matrix<T>(1, Labels.Length);
        for (int j = 0; j < Labels.Length; j++)
        {
            result.Data[j] = T.CreateChecked(Labels[j]);
        }

        return result;
    }
}
