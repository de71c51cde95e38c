namespace DropoutLab.Tests;

/// <summary>Sample moments and their standard errors, for bounds of the form |estimate − truth| &lt; 5·SE.</summary>
internal static class NoiseStatistics
{
    public static double Mean(IReadOnlyList<double> values) => values.Average();

    /// <summary>The unbiased sample variance.</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        double mean = Mean(values);
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    /// <summary>SE of the sample variance, √((μ₄ − σ⁴)/n) with μ₄ and σ² estimated from the sample.</summary>
    public static double VarianceStandardError(IReadOnlyList<double> values)
    {
        double mean = Mean(values);
        double variance = Variance(values);
        double fourth = values.Sum(v => Math.Pow(v - mean, 4)) / values.Count;
        return Math.Sqrt((fourth - (variance * variance)) / values.Count);
    }
}
