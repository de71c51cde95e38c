namespace DropoutLab.Uci;

/// <summary>A mean over splits with its standard error std/√n (population std, as numpy's default and the authors' table).</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardError">std/√n.</param>
public readonly record struct MeanWithError(double Mean, double StandardError)
{
    /// <summary>Of the values (at least one).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static MeanWithError Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("a mean needs at least one value.", nameof(values));
        }

        double mean = values.Sum() / values.Count;
        double variance = values.Sum(value => (value - mean) * (value - mean)) / values.Count;
        return new MeanWithError(mean, Math.Sqrt(variance) / Math.Sqrt(values.Count));
    }

    /// <summary>
    /// Whether <paramref name="other"/>'s mean lies within <paramref name="errors"/> combined standard errors,
    /// √(SE² + SE′²), of this mean.
    /// </summary>
    public bool Within(MeanWithError other, double errors) =>
        Math.Abs(Mean - other.Mean) <= errors * Math.Sqrt((StandardError * StandardError) + (other.StandardError * other.StandardError));
}
