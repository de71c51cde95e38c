using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>
/// The dropout-variant × batch-norm-placement study: one run per (variant, placement, seed index), each an
/// <see cref="MlpSettings"/> network trained by <see cref="MlpTrainer{T}"/> in float32. The variant and placement
/// replace <see cref="Network"/>'s <see cref="MlpSettings.Dropout"/> and <see cref="MlpSettings.BatchNorm"/>; the
/// activation is SELU for <see cref="DropoutVariant.Alpha"/> (with LeCun-normal weights, <see cref="MlpSettings.InitGain"/> 1)
/// and ReLU for every other variant; seed index s trains with <see cref="MlpSettings.Seed"/> = <see cref="Network"/>'s
/// seed + s, so every configuration of one seed index starts from the same weights and shuffles (a paired comparison).
/// </summary>
public sealed record VariantStudySettings
{
    /// <summary>The network and its training (widths, keep probabilities, optimizer, schedule, batch size, epochs, first seed).</summary>
    public MlpSettings Network { get; init; } = new();

    /// <summary>The dropout variants compared, none twice (default Bernoulli only).</summary>
    public IReadOnlyList<DropoutVariant> Variants { get; init; } = [DropoutVariant.Bernoulli];

    /// <summary>The batch-norm placements compared, none twice (default none only).</summary>
    public IReadOnlyList<BatchNormPlacement> BatchNorms { get; init; } = [BatchNormPlacement.None];

    /// <summary>Seeds per configuration (seed indices 0 … Seeds − 1), ≥ 1.</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>The hidden activation a variant is trained with: SELU for alpha dropout (its fixed point needs it), ReLU otherwise.</summary>
    public static HiddenActivation ActivationFor(DropoutVariant variant) =>
        variant == DropoutVariant.Alpha ? HiddenActivation.Selu : HiddenActivation.Relu;

    /// <summary>The settings of one run: <see cref="Network"/> with the key's variant, placement, activation and seed.</summary>
    public MlpSettings For(VariantRunKey key, int threads) => Network with
    {
        Dropout = key.Variant,
        BatchNorm = key.BatchNorm,
        Activation = ActivationFor(key.Variant),
        InitGain = key.Variant == DropoutVariant.Alpha ? 1.0 : Network.InitGain,
        Seed = Network.Seed + (ulong)key.SeedIndex,
        Threads = threads,
    };

    /// <summary>Throws <see cref="SettingException"/> naming the first setting out of range, checking every configuration's network.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Network);
        SettingCheck.Choices(Variants, SettingNames.Variants, variant => variant.ToString().ToLowerInvariant());
        SettingCheck.Choices(BatchNorms, SettingNames.BatchNorm, placement => placement.ToString());
        SettingCheck.AtLeast(Seeds, 1, SettingNames.Seeds);
        foreach (DropoutVariant variant in Variants)
        {
            SettingCheck.Require(Enum.IsDefined(variant), SettingNames.Variants, "must each be a defined dropout variant", variant.ToString());
            foreach (BatchNormPlacement placement in BatchNorms)
            {
                For(new VariantRunKey(variant, placement, 0), Network.Threads).Validate();
            }
        }
    }
}
