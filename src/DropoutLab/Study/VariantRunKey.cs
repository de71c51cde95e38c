using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>One run of the variant study; its seeds come from the key alone, never from the order runs are scheduled in.</summary>
/// <param name="Variant">The dropout variant on the inputs and every hidden layer.</param>
/// <param name="BatchNorm">Where each hidden layer has its batch normalization.</param>
/// <param name="SeedIndex">0 … seeds − 1.</param>
public readonly record struct VariantRunKey(DropoutVariant Variant, BatchNormPlacement BatchNorm, int SeedIndex);
