using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>One trained network of the variant study, scored on the test set in evaluation mode.</summary>
/// <param name="Key">The run.</param>
/// <param name="Activation">The hidden activation it was trained with.</param>
/// <param name="Seed">Its <see cref="MlpSettings.Seed"/>.</param>
/// <param name="Accuracy">Fraction of test examples with argmax p = y.</param>
/// <param name="LogLoss">Mean −ln p_y over the test set (<see cref="Metrics.MultiClassLogLoss"/>).</param>
/// <param name="Ece">Top-label expected calibration error (<see cref="Metrics.ConfidenceCalibrationError"/>, 10 bins).</param>
/// <param name="Shifts">The variance shift of each batch normalization, measured on the test set (empty without any).</param>
public sealed record VariantRunResult(
    VariantRunKey Key,
    HiddenActivation Activation,
    ulong Seed,
    double Accuracy,
    double LogLoss,
    double Ece,
    IReadOnlyList<VarianceShift> Shifts);
