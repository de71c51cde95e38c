namespace DropoutLab.Data;

/// <summary>Finds the training and test sets a command names: "fashion-mnist", an MNIST-format folder, or CSV files.</summary>
public static class TrainingData
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the IDX files.</summary>
    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    /// <summary>Loads (train, test) for <paramref name="spec"/>; CSV training data needs <paramref name="testCsv"/>.</summary>
    /// <exception cref="DataFormatException">A file is missing or malformed.</exception>
    /// <exception cref="ArgumentException">A CSV training file was given without a test file.</exception>
    public static (LabeledData Train, LabeledData Test) Load(string spec, string? testCsv)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec == "fashion-mnist")
        {
            return LoadMnist(FashionMnistFolder());
        }

        if (Directory.Exists(spec))
        {
            return LoadMnist(spec);
        }

        if (testCsv is null)
        {
            throw new ArgumentException($"--data {spec} is a CSV file, so --test TEST.csv is needed too.", nameof(testCsv));
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
        string? folder = spec == "fashion-mnist" ? FashionMnistFolder() : Directory.Exists(spec) ? spec : null;
        if (folder is not null)
        {
            return LabeledData.FromMnist(MnistDataset.LoadTest(folder), MnistDataset.StandardClassCount, folder);
        }

        return LabeledData.FromDataset(CsvDataset.Load(spec, binaryLabels: false));
    }

    private static string FashionMnistFolder()
    {
        if (!Directory.Exists(DebianFashionMnist))
        {
            throw new DataFormatException(
                "Fashion-MNIST is not installed; install it with 'apt-get install dataset-fashion-mnist' or pass a folder of IDX files.",
                DebianFashionMnist);
        }

        return DebianFashionMnist;
    }

    private static (LabeledData Train, LabeledData Test) LoadMnist(string folder)
    {
        MnistDataset data = MnistDataset.Load(folder);
        return (LabeledData.FromMnist(data.Train, data.ClassCount, folder), LabeledData.FromMnist(data.Test, data.ClassCount, folder));
    }

    private static LabeledData WithClasses(LabeledData data, int classes) =>
        new(data.Features, data.Labels, data.FeatureCount, classes, data.Source);
}
