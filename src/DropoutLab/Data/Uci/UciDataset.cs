using System.Globalization;

namespace DropoutLab.Data;

/// <summary>
/// A regression data set in the layout of Gal and Ghahramani's UCI experiments (ICML 2016): data.txt (whitespace-
/// separated rows), index_features.txt and index_target.txt (0-based columns), index_train_K.txt and index_test_K.txt
/// (0-based rows) for K = 0 … n_splits − 1, and the protocol's settings n_splits.txt, n_hidden.txt, n_epochs.txt,
/// dropout_rates.txt and tau_values.txt (the grid). Any folder in this layout loads, known data set or not.
/// </summary>
public sealed class UciDataset
{
    private readonly double[][] _rows;
    private readonly UciSplit[] _splits;

    private UciDataset(string directory, double[][] rows, int[] featureColumns, int targetColumn, UciSplit[] splits, int hiddenUnits, int epochs, double[] dropoutRates, double[] tauValues)
    {
        Directory = directory;
        Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        _rows = rows;
        FeatureColumns = featureColumns;
        TargetColumn = targetColumn;
        _splits = splits;
        HiddenUnits = hiddenUnits;
        Epochs = epochs;
        DropoutRates = dropoutRates;
        TauValues = tauValues;
    }

    /// <summary>The folder it was read from.</summary>
    public string Directory { get; }

    /// <summary>The folder's name (e.g. "yacht").</summary>
    public string Name { get; }

    /// <summary>Rows of data.txt.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The 0-based columns of data.txt that are features, in order.</summary>
    public IReadOnlyList<int> FeatureColumns { get; }

    /// <summary>Number of features.</summary>
    public int FeatureCount => FeatureColumns.Count;

    /// <summary>The 0-based column of the target.</summary>
    public int TargetColumn { get; }

    /// <summary>The splits, K = 0 … n_splits − 1.</summary>
    public IReadOnlyList<UciSplit> Splits => _splits;

    /// <summary>n_hidden.txt: units of the hidden layer (the protocol's 50).</summary>
    public int HiddenUnits { get; }

    /// <summary>n_epochs.txt: the base epoch count (the published table's runs use 100 times it, 4000).</summary>
    public int Epochs { get; }

    /// <summary>dropout_rates.txt: the grid's drop probabilities (1 − keepProb).</summary>
    public IReadOnlyList<double> DropoutRates { get; }

    /// <summary>tau_values.txt: the grid's model precisions τ.</summary>
    public IReadOnlyList<double> TauValues { get; }

    /// <summary>Feature <paramref name="feature"/> (0-based among <see cref="FeatureColumns"/>) of row <paramref name="row"/>.</summary>
    public double Feature(int row, int feature) => _rows[row][FeatureColumns[feature]];

    /// <summary>The target of row <paramref name="row"/>.</summary>
    public double Target(int row) => _rows[row][TargetColumn];

    /// <summary>Reads the folder.</summary>
    /// <exception cref="DataFormatException">A file is missing or malformed; the message names it (and the line).</exception>
    public static UciDataset Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DataFormatException("is not a folder of the UCI layout (data.txt, index_features.txt, index_target.txt, index_train_K.txt, …).", directory);
        }

        string File(string name)
        {
            string path = Path.Combine(directory, name);
            return System.IO.File.Exists(path) ? path : throw new DataFormatException($"is missing from the UCI folder {directory}.", path);
        }

        string dataPath = File("data.txt");
        List<double[]> rows = UciTextFile.Rows(dataPath);
        if (rows.Count == 0)
        {
            throw new DataFormatException("has no rows.", dataPath);
        }

        int columns = rows[0].Length;
        for (int r = 1; r < rows.Count; r++)
        {
            if (rows[r].Length != columns)
            {
                throw new DataFormatException(string.Create(CultureInfo.InvariantCulture, $"row {r + 1} has {rows[r].Length} values, the first row {columns}."), dataPath);
            }
        }

        int[] features = UciTextFile.Indices(File("index_features.txt"), columns, "column");
        int[] target = UciTextFile.Indices(File("index_target.txt"), columns, "column");
        if (target.Length != 1 || features.Contains(target[0]))
        {
            throw new DataFormatException("must name one column that is not a feature.", Path.Combine(directory, "index_target.txt"));
        }

        int splitCount = Count(File("n_splits.txt"), "split count");
        var splits = new UciSplit[splitCount];
        for (int k = 0; k < splitCount; k++)
        {
            string name = k.ToString(CultureInfo.InvariantCulture);
            string trainPath = File($"index_train_{name}.txt"), testPath = File($"index_test_{name}.txt");
            int[] train = UciTextFile.Indices(trainPath, rows.Count, "row"), test = UciTextFile.Indices(testPath, rows.Count, "row");
            var seen = new HashSet<int>(train);
            if (seen.Count != train.Length)
            {
                throw new DataFormatException("names a row twice.", trainPath);
            }

            if (test.Distinct().Count() != test.Length || test.Any(seen.Contains))
            {
                throw new DataFormatException($"names a row twice or a row of {Path.GetFileName(trainPath)}.", testPath);
            }

            splits[k] = new UciSplit(k, train, test);
        }

        return new UciDataset(
            directory,
            [.. rows],
            features,
            target[0],
            splits,
            Count(File("n_hidden.txt"), "hidden-unit count"),
            Count(File("n_epochs.txt"), "epoch count"),
            Grid(File("dropout_rates.txt"), 0, 1, "dropout rate"),
            Grid(File("tau_values.txt"), 0, double.PositiveInfinity, "precision τ"));
    }

    // A file holding one whole number ≥ 1.
    private static int Count(string path, string what)
    {
        double[] values = UciTextFile.Values(path);
        return values.Length == 1 && values[0] >= 1 && values[0] == Math.Floor(values[0]) && values[0] <= int.MaxValue
            ? (int)values[0]
            : throw new DataFormatException($"must hold one {what}, a whole number ≥ 1.", path);
    }

    // A file of grid values, each in [low, high) and above low.
    private static double[] Grid(string path, double low, double high, string what)
    {
        double[] values = UciTextFile.Values(path);
        if (values.Length == 0 || values.Any(v => v <= low || v >= high))
        {
            throw new DataFormatException(string.Create(CultureInfo.InvariantCulture, $"must list at least one {what}, each in ({low}, {high})."), path);
        }

        return values;
    }
}
