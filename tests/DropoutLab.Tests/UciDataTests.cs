using DropoutLab.Data;
using DropoutLab.Metrics;

namespace DropoutLab.Tests;

/// <summary>
/// The UCI layout of Gal and Ghahramani's experiments: a folder the test writes (its edge cases and errors), the five
/// shared data sets when ../shared is there, the protocol's standardization and validation split, and the regression
/// metrics against direct computations.
/// </summary>
public class UciDataTests
{
    private static readonly string SharedUci = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "uci"));

    private static string WriteFolder(TempFolder folder, string data = "1 10 0.5\n2\t20 1.5\n\n3 30   2.5\n4 40 3.5\n5 50 4.5\n", string? trainOverride = null)
    {
        string dir = Path.Combine(folder.Path, "tiny");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "data.txt"), data);
        File.WriteAllText(Path.Combine(dir, "index_features.txt"), "0\n1\n");
        File.WriteAllText(Path.Combine(dir, "index_target.txt"), "2");
        File.WriteAllText(Path.Combine(dir, "n_splits.txt"), "2");
        File.WriteAllText(Path.Combine(dir, "n_hidden.txt"), "50");
        File.WriteAllText(Path.Combine(dir, "n_epochs.txt"), "40");
        File.WriteAllText(Path.Combine(dir, "dropout_rates.txt"), "0.005\n0.01\n0.1");
        File.WriteAllText(Path.Combine(dir, "tau_values.txt"), "0.25\n0.5\n0.75");
        File.WriteAllText(Path.Combine(dir, "index_train_0.txt"), trainOverride ?? "4\n0\n2.0\n1\n");
        File.WriteAllText(Path.Combine(dir, "index_test_0.txt"), "3\n");
        File.WriteAllText(Path.Combine(dir, "index_train_1.txt"), "0\n1\n2\n3\n");
        File.WriteAllText(Path.Combine(dir, "index_test_1.txt"), "4\n");
        return dir;
    }

    [Fact]
    public void AFolderInTheLayoutLoadsWithItsSplitsGridAndSettings()
    {
        using var folder = new TempFolder();
        UciDataset data = UciDataset.Load(WriteFolder(folder));
        Assert.Equal("tiny", data.Name);
        Assert.Equal(5, data.RowCount); // the blank line is skipped, tabs and runs of spaces separate
        Assert.Equal([0, 1], data.FeatureColumns);
        Assert.Equal(2, data.TargetColumn);
        Assert.Equal(20.0, data.Feature(1, 1));
        Assert.Equal(2.5, data.Target(2));
        Assert.Equal(2, data.Splits.Count);
        Assert.Equal([4, 0, 2, 1], data.Splits[0].TrainRows);
        Assert.Equal([3], data.Splits[0].TestRows);
        Assert.Equal((50, 40), (data.HiddenUnits, data.Epochs));
        Assert.Equal([0.005, 0.01, 0.1], data.DropoutRates);
        Assert.Equal([0.25, 0.5, 0.75], data.TauValues);

        // The last 20% of the training rows in file order validate: ⌊0.8·4⌋ = 3 fit, 1 validates.
        Assert.Equal([4, 0, 2], data.Splits[0].FitRows);
        Assert.Equal([1], data.Splits[0].ValidationRows);
    }

    [Fact]
    public void StandardizationUsesThePopulationStdOfTheTrainingRowsAndOneForAConstant()
    {
        using var folder = new TempFolder();
        UciDataset data = UciDataset.Load(WriteFolder(folder, data: "1 7 0.5\n2 7 1.5\n3 7 2.5\n4 7 3.5\n5 7 4.5\n"));
        UciStandardization fit = UciStandardization.Fit(data, data.Splits[1].TrainRows); // rows 0..3
        Assert.Equal(2.5, fit.FeatureMeans[0]);
        Assert.Equal(Math.Sqrt(1.25), fit.FeatureStds[0], 15); // ((1.5² + 0.5²)·2 / 4)^½
        Assert.Equal(1.0, fit.FeatureStds[1]);                 // constant feature: std 0 becomes 1
        Assert.Equal(0.0, fit.Feature(1, 7.0));
        Assert.Equal(2.0, fit.TargetMean);
        Assert.Equal(4.5, fit.Unstandardize(fit.Target(4.5)), 15);
        Assert.Equal((4.5 - 2.0) / Math.Sqrt(1.25), fit.Target(4.5), 15);
    }

    [Theory]
    [InlineData("data.txt", "1 10 0.5\n2 x 1.5\n", "data.txt", "line 2")]
    [InlineData("data.txt", "1 10 0.5\n2 20\n", "data.txt", "row 2 has 2 values")]
    [InlineData("index_train_0.txt", "4\n0\n9\n", "index_train_0.txt", "9 is not a row")]
    [InlineData("index_train_0.txt", "4\n0\n0.5\n", "index_train_0.txt", "0.5 is not a row")]
    [InlineData("index_test_0.txt", "4\n", "index_test_0.txt", "row of index_train_0.txt")]
    [InlineData("index_target.txt", "1", "index_target.txt", "not a feature")]
    [InlineData("tau_values.txt", "0.5 -1", "tau_values.txt", "precision τ")]
    [InlineData("dropout_rates.txt", "1.0", "dropout_rates.txt", "dropout rate")]
    [InlineData("n_splits.txt", "2.5", "n_splits.txt", "split count")]
    public void ABadFileIsNamedWithWhatIsWrong(string file, string content, string named, string reason)
    {
        using var folder = new TempFolder();
        string dir = WriteFolder(folder);
        File.WriteAllText(Path.Combine(dir, file), content);
        DataFormatException error = Assert.Throws<DataFormatException>(() => UciDataset.Load(dir));
        Assert.EndsWith(named, error.FilePath, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message + (error.Line is { } line ? $" line {line}" : string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileOrFolderIsNamed()
    {
        using var folder = new TempFolder();
        string dir = WriteFolder(folder);
        File.Delete(Path.Combine(dir, "index_test_1.txt"));
        Assert.EndsWith("index_test_1.txt", Assert.Throws<DataFormatException>(() => UciDataset.Load(dir)).FilePath, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => UciDataset.Load(Path.Combine(folder.Path, "nowhere")));
    }

    [Theory]
    [InlineData("bostonHousing", 506, 13, 20)]
    [InlineData("concrete", 1030, 8, 20)]
    [InlineData("energy", 768, 8, 20)]
    [InlineData("wine-quality-red", 1599, 11, 20)]
    [InlineData("yacht", 308, 6, 20)]
    public void TheFiveSharedDataSetsLoadWithDisjointSplitsCoveringEveryRow(string name, int rows, int features, int splits)
    {
        string dir = Path.Combine(SharedUci, name);
        if (!Directory.Exists(dir))
        {
            return; // ../shared is not beside this checkout (CI has it)
        }

        UciDataset data = UciDataset.Load(dir);
        Assert.Equal((rows, features, splits), (data.RowCount, data.FeatureCount, data.Splits.Count));
        Assert.Equal(50, data.HiddenUnits);
        Assert.Equal(40, data.Epochs);
        foreach (UciSplit split in data.Splits)
        {
            Assert.Equal(rows, split.TrainRows.Count + split.TestRows.Count);
            Assert.Equal(rows, split.TrainRows.Concat(split.TestRows).Distinct().Count());
            Assert.InRange(split.TestRows.Count, rows / 10, (rows / 10) + 1); // the 90/10 splits
        }
    }

    [Fact]
    public void MonteCarloLogLikelihoodIsTheMixtureDensityComputedDirectly()
    {
        double[] y = [1.0, -0.5, 3.0];
        double[] samples = [0.9, -0.4, 2.0, 1.3, -0.7, 3.5, 0.7, 0.0, 2.9, 1.0, -0.5, 2.5]; // T = 4 passes × n = 3
        const double tau = 2.5;
        double direct = 0;
        for (int i = 0; i < 3; i++)
        {
            double density = 0;
            for (int t = 0; t < 4; t++)
            {
                double r = y[i] - samples[(t * 3) + i];
                density += Math.Sqrt(tau / (2 * Math.PI)) * Math.Exp(-0.5 * tau * r * r) / 4;
            }

            direct += Math.Log(density) / 3;
        }

        Assert.Equal(direct, GaussianLogLikelihood.Mean(y, samples, tau), 13);

        // One pass is a plain Gaussian log-density; far residuals stay finite thanks to the max shift.
        Assert.Equal(-0.5 * 4.0 * 0.25 - (0.5 * Math.Log(2 * Math.PI)) + (0.5 * Math.Log(4.0)), GaussianLogLikelihood.Mean([1.5], [1.0], 4.0), 14);
        double far = GaussianLogLikelihood.Mean([0.0], [1000.0, 1001.0], 1.0);
        Assert.True(double.IsFinite(far) && far < -499_000, far.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Throws<ArgumentException>(() => GaussianLogLikelihood.Mean(y, [1.0, 2.0], tau));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianLogLikelihood.Mean(y, samples, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianLogLikelihood.Mean(y, samples, double.NaN));
    }

    [Fact]
    public void RmseIsTheRootOfTheMeanSquaredResidual()
    {
        Assert.Equal(Math.Sqrt((0.01 + 0.25 + 4.0) / 3), RootMeanSquaredError.Of([1.0, 2.0, 3.0], [1.1, 2.5, 1.0]), 15);
        Assert.Equal(0.0, RootMeanSquaredError.Of([2.0], [2.0]));
        Assert.Throws<ArgumentException>(() => RootMeanSquaredError.Of([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => RootMeanSquaredError.Of([], []));
    }
}
