namespace DropoutLab.Explain;

/// <summary>
/// Per-unit training-time moments of y under one rule, analytic and Monte-Carlo, and the inference output.
/// Every list has one entry per activation.
/// </summary>
public sealed record UnitStatistics(
    IReadOnlyList<double> AnalyticMean,
    IReadOnlyList<double> AnalyticVariance,
    IReadOnlyList<double> EmpiricalMean,
    IReadOnlyList<double> EmpiricalVariance,
    IReadOnlyList<Interval> Ci95,
    IReadOnlyList<double> Inference);
