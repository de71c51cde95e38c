namespace DropoutLab.Data;

/// <summary>
/// The protocol's standardization, fitted on a split's training rows: x′ = (x − mean)/std per feature and
/// y′ = (y − mean_y)/std_y, with the population standard deviation (numpy's <c>std</c>, ddof 0) and a zero standard
/// deviation replaced by 1 (Gal and Ghahramani's experiment code).
/// </summary>
/// <param name="FeatureMeans">Mean of each feature over the training rows.</param>
/// <param name="FeatureStds">Standard deviation of each feature (1 where it was 0).</param>
/// <param name="TargetMean">Mean of the target.</param>
/// <param name="TargetStd">Standard deviation of the target (1 where it was 0).</param>
public sealed record UciStandardization(IReadOnlyList<double> FeatureMeans, IReadOnlyList<double> FeatureStds, double TargetMean, double TargetStd)
{
    /// <summary>Fits the statistics on <paramref name="rows"/> of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">There are no rows.</exception>
    public static UciStandardization Fit(UciDataset dataset, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("Standardization needs at least one row.", nameof(rows));
        }

        int features = dataset.FeatureCount;
        var means = new double[features];
        var stds = new double[features];
        for (int f = 0; f < features; f++)
        {
            (means[f], stds[f]) = MeanStd(rows, row => dataset.Feature(row, f));
        }

        (double targetMean, double targetStd) = MeanStd(rows, dataset.Target);
        return new UciStandardization(means, stds, targetMean, targetStd);
    }

    /// <summary>(x − mean)/std of feature <paramref name="feature"/>.</summary>
    public double Feature(int feature, double value) => (value - FeatureMeans[feature]) / FeatureStds[feature];

    /// <summary>(y − mean_y)/std_y.</summary>
    public double Target(double value) => (value - TargetMean) / TargetStd;

    /// <summary>mean_y + std_y·y′, a standardized prediction back in the target's units.</summary>
    public double Unstandardize(double standardized) => TargetMean + (TargetStd * standardized);

    // mean = Σ v / n, std = √(Σ (v − mean)² / n), 1 when it is 0
    private static (double Mean, double Std) MeanStd(IReadOnlyList<int> rows, Func<int, double> value)
    {
        double sum = 0;
        foreach (int row in rows)
        {
            sum += value(row);
        }

        double mean = sum / rows.Count, squares = 0;
        foreach (int row in rows)
        {
            double deviation = value(row) - mean;
            squares += deviation * deviation;
        }

        double std = Math.Sqrt(squares / rows.Count);
        return (mean, std == 0 ? 1.0 : std);
    }
}
