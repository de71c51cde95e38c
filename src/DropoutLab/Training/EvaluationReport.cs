namespace DropoutLab.Training;

/// <summary>How well a classifier does on a labelled set.</summary>
/// <param name="Count">Examples evaluated.</param>
/// <param name="Accuracy">Fraction with argmax p = y.</param>
/// <param name="LogLoss">Mean −ln p_y.</param>
/// <param name="ExpectedCalibrationError">Σ_b (n_b/N)·|accuracy_b − confidence_b| over 10 equal-width confidence bins.</param>
/// <param name="Confusion">Confusion[actual][predicted] counts.</param>
public sealed record EvaluationReport(int Count, double Accuracy, double LogLoss, double ExpectedCalibrationError, int[][] Confusion);
