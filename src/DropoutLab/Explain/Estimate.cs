namespace DropoutLab.Explain;

/// <summary>
/// One quantity three ways: its exact value, its Monte-Carlo estimate and the estimate's 95% confidence interval.
/// Undefined values (a variance from one trial, a ratio over a zero variance) are NaN.
/// </summary>
public readonly record struct Estimate(double Analytic, double Empirical, Interval Ci95);
