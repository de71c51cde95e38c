using DropoutLab.Data;
using DropoutLab.Numerics;

namespace DropoutLab.Study;

/// <summary>The study's training and test sets in the form the runs read (shared read-only between threads).</summary>
public sealed class StudyData
{
    /// <summary>Converts both sets; the test set must have the training set's features.</summary>
    /// <exception cref="DataFormatException">The feature counts differ, or a label is not 0 or 1.</exception>
    public StudyData(Dataset train, Dataset test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (test.FeatureCount != train.FeatureCount)
        {
            throw new DataFormatException($"has {test.FeatureCount} feature columns but the training data has {train.FeatureCount}.", test.Source);
        }

        CheckBinary(train);
        CheckBinary(test);
        TrainSource = train.Source;
        TestSource = test.Source;
        TrainFeatures = train.FeaturesAs<double>();
        TrainLabelRow = train.LabelRow<double>();
        TrainLabels = train.Labels.ToArray();
        TestFeatures = test.FeaturesAs<double>();
        TestLabels = test.Labels.ToArray();
    }

    /// <summary>The training labels, 0 or 1.</summary>
    public ReadOnlyMemory<int> TrainLabels { get; }

    /// <summary>Where the training data came from.</summary>
    public string TrainSource { get; }

    /// <summary>Where the test data came from.</summary>
    public string TestSource { get; }

    /// <summary>Training features, nₓ × m.</summary>
    public Matrix<double> TrainFeatures { get; }

    /// <summary>Training labels, 1 × m.</summary>
    public Matrix<double> TrainLabelRow { get; }

    /// <summary>Test features, nₓ × m_test.</summary>
    public Matrix<double> TestFeatures { get; }

    /// <summary>Test labels, 0 or 1.</summary>
    public ReadOnlyMemory<int> TestLabels { get; }

    private static void CheckBinary(Dataset data)
    {
        if (data.Count == 0)
        {
            throw new DataFormatException("has no examples.", data.Source);
        }

        if (data.Labels.Any(label => label is not (0 or 1)))
        {
            throw new DataFormatException("has labels other than 0 and 1.", data.Source);
        }
    }
}
