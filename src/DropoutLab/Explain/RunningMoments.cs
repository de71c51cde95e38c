namespace DropoutLab.Explain;

/// <summary>
/// Mean and variance of a stream of samples in one pass (Welford 1962):
/// δ = x − x̄ₙ₋₁, x̄ₙ = x̄ₙ₋₁ + δ/n, M₂ += δ·(x − x̄ₙ); sample variance s² = M₂/(n − 1). The third and fourth central
/// sums follow Pébay (2008) from the old M₂, M₃ with d = δ/n, t = δ·d·(n − 1):
/// M₄ += t·d²·(n² − 3n + 3) + 6·d²·M₂ − 4·d·M₃, M₃ += t·d·(n − 2) − 3·d·M₂.
/// </summary>
public sealed class RunningMoments
{
    /// <summary>z of the two-sided 95% normal interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    private double _m2;
    private double _m3;
    private double _m4;

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

    /// <summary>
    /// The standard error of s², √((m₄ − s⁴)/n) with m₄ = M₄/n the fourth central sample moment (the large-sample
    /// Var[s²] ≈ (μ₄ − σ⁴)/n), or NaN for fewer than two samples.
    /// </summary>
    public double VarianceStandardError => Count < 2 ? double.NaN : Math.Sqrt(Math.Max(0.0, (_m4 / Count) - (Variance * Variance)) / Count);

    /// <summary>The 95% confidence interval of the variance, s² ± 1.96·SE(s²) (NaN bounds for fewer than two samples).</summary>
    public Interval VarianceCi95 => new(Variance - (Z95 * VarianceStandardError), Variance + (Z95 * VarianceStandardError));

    /// <summary>Adds one sample.</summary>
    public void Add(double value)
    {
        long before = Count;
        Count++;
        double delta = value - Mean;
        double d = delta / Count;
        double t = delta * d * before;
        _m4 += (t * d * d * (((double)Count * Count) - (3.0 * Count) + 3.0)) + (6.0 * d * d * _m2) - (4.0 * d * _m3);
        _m3 += (t * d * (Count - 2.0)) - (3.0 * d * _m2);
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }
}
