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
    /// scored on the CSV file <paramref name="testCsv"/>.
    /// </summary>
    /// <exception cref="DataFormatException">A file is missing or malformed.</exception>
    /// <exception cref="SettingException">A CSV training file was given without a test file (<see cref="SettingNames.TestData"/>).</exception>
    public static (LabeledData Train, LabeledData Test) Load(string spec, string? testCsv)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Directory.Exists(spec))
        {
            return LoadMnist(spec);
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

        int classes = Math.Max(train.ClassCount, test.ClassCount);
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

    private static (LabeledData Train, LabeledData Test) LoadMnist(string folder)
    {
        MnistDataset data = MnistDataset.Load(folder);
        return (LabeledData.FromMnist(data.Train, data.ClassCount, folder), LabeledData.FromMnist(data.Test, data.ClassCount, folder));
    }

    private static LabeledData WithClasses(LabeledData data, int classes) =>
        new(data.Features, data.Labels, data.FeatureCount, classes, data.Source);
}
