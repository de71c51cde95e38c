namespace DropoutLab.Explain;

/// <summary>
/// Moments of the next layer's pre-activation z = w·y + b under one rule: analytic, Monte-Carlo, and z at
/// inference. <see cref="Samples"/> holds every trial's z when they were kept, otherwise it is empty.
/// </summary>
public sealed record NextLayerStatistics(
    double AnalyticMean,
    double AnalyticVariance,
    double EmpiricalMean,
    double EmpiricalVariance,
    Interval Ci95,
    double Inference,
    IReadOnlyList<double> Samples);
