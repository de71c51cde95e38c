namespace DropoutLab.Uci;

/// <summary>
/// The final network's predictive distribution on a split's test rows, in the target's units: the truth, the
/// Monte-Carlo mean and the predictive standard deviation √(τ⁻¹ + spread of the passes), one value per test row in
/// file order (what the uncertainty figure of docs/uci.md plots).
/// </summary>
/// <param name="Targets">The test targets.</param>
/// <param name="Mean">The Monte-Carlo predictive means.</param>
/// <param name="StandardDeviation">The predictive standard deviations.</param>
public sealed record UciTestPredictions(IReadOnlyList<double> Targets, IReadOnlyList<double> Mean, IReadOnlyList<double> StandardDeviation);
