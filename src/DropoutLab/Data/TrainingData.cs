using DropoutLab.Settings;

namespace DropoutLab.Data;

/// <summary>
/// Loads training and test sets from a folder of MNIST-format IDX files (such as an installed Fashion-MNIST) or from
/// CSV files.
/// </summary>
public static class TrainingData
{
    /// <summary>
    /// Loads (train, test): both splits of the folder <paramref name="spec"/>, or the CSV file <paramref name="spec"/>
    /// scored on the CSV file <paramref name="testCsv"/>; the number of classes comes from the labels, as in
    /// <see cref="Load(string, string?, int?)"/> without a class count.
    /// </summary>
    /// <exception cref="DataFormatException">A file is missing or malformed, a split is empty, or the training labels are all equal.</exception>
    /// <exception cref="SettingException">The test file is missing or superfluous (<see cref="SettingNames.TestData"/>), or the labels skip a class.</exception>
    public static (LabeledData Train, LabeledData Test) Load(string spec, string? testCsv) => Load(spec, testCsv, null);

    /// <summary>
    /// Loads (train, test): both splits of the folder <paramref name="spec"/>, or the CSV file <paramref name="spec"/>
    /// scored on the CSV file <paramref name="testCsv"/> (required with a CSV, refused with a folder, which holds its
    /// own test split). Both sets get <paramref name="classCount"/> classes; without it a folder has 10 and CSV files
    /// the largest label + 1, which is refused when a class below that has no training example.
    /// </summary>
    /// <exception cref="DataFormatException">A file is missing or malformed, a split is empty, or the training labels are all equal.</exception>
    /// <exception cref="SettingException">
    /// The test file is missing or superfluous (<see cref="SettingNames.TestData"/>); <paramref name="classCount"/> is
    /// below 2 or not above every label, or is missing while the CSV labels skip a class (<see cref="SettingNames.ClassCount"/>).
    /// </exception>
    public static (LabeledData Train, LabeledData Test) Load(string spec, string? testCsv, int? classCount)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Directory.Exists(spec))
        {
            if (testCsv is not null)
            {
                throw new SettingException(SettingNames.TestData, $"must not be given because the folder {spec} holds its own test split", testCsv);
            }

            MnistDataset data = MnistDataset.Load(spec);
            ClassLabels.RequireTwoClasses(data.Train.Labels, spec);
            int mnistClasses = classCount is null
                ? data.ClassCount
                : ClassLabels.Count(data.Train.Labels, spec, data.Test.Labels, spec, classCount);
            return (LabeledData.FromMnist(data.Train, mnistClasses, spec), LabeledData.FromMnist(data.Test, mnistClasses, spec));
        }

        if (testCsv is null)
        {
            throw new SettingException(SettingNames.TestData, $"is required because the training data {spec} is a CSV file", null);
        }

        Dataset train = CsvDataset.Load(spec, binaryLabels: false);
        Dataset test = CsvDataset.Load(testCsv, binaryLabels: false);
        if (test.FeatureCount != train.FeatureCount)
        {
            throw new DataFormatException($"has {test.FeatureCount} feature columns but the training data has {train.FeatureCount}.", testCsv);
        }

        ClassLabels.RequireTwoClasses(train.Labels, spec);
        int classes = ClassLabels.Count(train.Labels, spec, test.Labels, testCsv, classCount);
        return (WithClasses(LabeledData.FromDataset(train), classes), WithClasses(LabeledData.FromDataset(test), classes));
    }

    /// <summary>Loads a single CSV or MNIST folder (only the test split of a folder) for evaluation.</summary>
    public static LabeledData LoadEvaluation(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Directory.Exists(spec))
        {
            return LabeledData.FromMnist(MnistDataset.LoadTest(spec), MnistDataset.StandardClassCount, spec);
        }

        return LabeledData.FromDataset(CsvDataset.Load(spec, binaryLabels: false));
    }

    private static LabeledData WithClasses(LabeledData data, int classes) =>
        new(data.Features, data.Labels, data.FeatureCount, classes, data.Source);
}
