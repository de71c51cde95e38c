namespace DropoutLab.Experiments;

/// <summary>Monte-Carlo dropout at G points: the mean of P(y = 1) over the passes and its standard deviation, one value per point.</summary>
public sealed record PredictiveSpread(IReadOnlyList<double> Mean, IReadOnlyList<double> StandardDeviation);
