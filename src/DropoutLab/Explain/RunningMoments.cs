namespace DropoutLab.Explain;

/// <summary>
/// Mean and variance of a stream of samples in one pass (Welford 1962):
/// δ = x − x̄ₙ₋₁, x̄ₙ = x̄ₙ₋₁ + δ/n, M₂ += δ·(x − x̄ₙ); sample variance s² = M₂/(n − 1).
/// </summary>
public sealed class RunningMoments
{
    /// <summary>z of the two-sided 95% normal interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    private double _m2;

    /// <summary>Number of samples.</summary>
    public long Count { get; private set; }

    /// <summary>The sample mean x̄ (0 before the first sample).</summary>
    public double Mean { get; private set; }

    /// <summary>The unbiased sample variance s² = M₂/(n − 1), or NaN for fewer than two samples.</summary>
    public double Variance => Count < 2 ? double.NaN : _m2 / (Count - 1);

    /// <summary>The standard error of the mean s/√n, or NaN for fewer than two samples.</summary>
    public double StandardError => Math.Sqrt(Variance / Count);

    /// <summary>The 95% confidence interval of the mean, x̄ ± 1.96·s/√n (NaN bounds for fewer than two samples).</summary>
    public Interval Ci95 => new(Mean - (Z95 * StandardError), Mean + (Z95 * StandardError));

    /// <summary>Adds one sample.</summary>
    public void Add(double value)
    {
        Count++;
        double delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }
}
