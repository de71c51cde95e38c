using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>One configuration of the variant study, aggregated over its seeds.</summary>
/// <param name="Variant">The dropout variant.</param>
/// <param name="BatchNorm">The batch-norm placement.</param>
/// <param name="Activation">The hidden activation (SELU for alpha dropout, ReLU otherwise).</param>
/// <param name="Accuracy">Test accuracy, mean ± std over seeds.</param>
/// <param name="LogLoss">Test log-loss, mean ± std over seeds.</param>
/// <param name="Ece">Test expected calibration error, mean ± std over seeds.</param>
/// <param name="VarianceRatios">Per batch normalization, in forward order (empty without any).</param>
/// <param name="Runs">The runs, in seed order.</param>
public sealed record VariantStudyRow(
    DropoutVariant Variant,
    BatchNormPlacement BatchNorm,
    HiddenActivation Activation,
    MeanStd Accuracy,
    MeanStd LogLoss,
    MeanStd Ece,
    IReadOnlyList<VarianceShiftSummary> VarianceRatios,
    IReadOnlyList<VariantRunResult> Runs);
