using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using DropoutLab.Settings;

namespace DropoutLab.Cli;

/// <summary>
/// The one table from the library's setting names (<see cref="SettingException.Setting"/>) to the flags that set
/// them; a setting is spelled by the same flag in every command that has it. Settings no flag sets are absent:
/// <see cref="SettingNames.InitGain"/> (<c>--init</c> takes a name), <see cref="SettingNames.ProbePasses"/> and
/// <see cref="SettingNames.RecordEvery"/> (derived from <c>--print-every</c>, always ≥ 1), <see cref="SettingNames.Epsilon"/>
/// (Adam's ε of the regression trainer, never set by a flag); a bad value in one of
/// those is a bug in the command, not in the command line.
/// </summary>
public static class SettingFlags
{
    private static readonly FrozenDictionary<string, string> Flags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SettingNames.Activation] = "--activation",
        [SettingNames.Activations] = "--activations",
        [SettingNames.BatchNorm] = "--batchnorm",
        [SettingNames.BatchSize] = "--batch-size",
        [SettingNames.Bias] = "--bias",
        [SettingNames.ClassCount] = "--classes",
        [SettingNames.Depths] = "--depths",
        [SettingNames.Dropout] = "--dropout",
        [SettingNames.Elements] = "--elements",
        [SettingNames.Epochs] = "--epochs",
        [SettingNames.HiddenSizes] = "--hidden",
        [SettingNames.InitSeed] = "--init-seed",
        [SettingNames.InputMean] = "--input-mean",
        [SettingNames.InputVariance] = "--input-variance",
        [SettingNames.Iterations] = "--iterations",
        [SettingNames.KeepProb] = "--keep-prob",
        [SettingNames.KeepProbs] = "--keep-probs",
        [SettingNames.Lambd] = "--lambd",
        [SettingNames.Layers] = "--layers",
        [SettingNames.LearningRate] = "--learning-rate",
        [SettingNames.MaskSeed] = "--mask-seed",
        [SettingNames.MaskShare] = "--mask-share",
        [SettingNames.MaxNorm] = "--max-norm",
        [SettingNames.McSamples] = "--mc-samples",
        [SettingNames.McDropout] = "--mc-dropout",
        [SettingNames.Momentum] = "--momentum",
        [SettingNames.Rules] = "--rule",
        [SettingNames.Scaling] = "--scaling",
        [SettingNames.Scalings] = "--scalings",
        [SettingNames.Seeds] = "--seeds",
        [SettingNames.Shard] = "--shard",
        [SettingNames.Splits] = "--splits",
        [SettingNames.TestData] = "--test",
        [SettingNames.Threads] = "--threads",
        [SettingNames.Trials] = "--trials",
        [SettingNames.Variants] = "--variants",
        [SettingNames.Weights] = "--weights",
        [SettingNames.Width] = "--width",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every (setting, flag) pair.</summary>
    public static IReadOnlyDictionary<string, string> All => Flags;

    /// <summary>The flag that sets <paramref name="setting"/>, if any.</summary>
    public static bool TryGetFlag(string? setting, [NotNullWhen(true)] out string? flag)
    {
        flag = null;
        return setting is not null && Flags.TryGetValue(setting, out flag);
    }

    /// <summary>
    /// One sentence naming the flag: "<c>--keep-prob must be in (0, 1], but got 0.</c>", with "<c>; see also --layers</c>"
    /// when the requirement depends on another flag.
    /// </summary>
    /// <returns>Null when no flag sets the setting.</returns>
    public static string? Describe(SettingException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!TryGetFlag(exception.Setting, out string? flag))
        {
            return null;
        }

        string got = exception.Value is null ? string.Empty : $", but got {exception.Value}";
        string related = TryGetFlag(exception.RelatedSetting, out string? other) ? $"; see also {other}" : string.Empty;
        return $"{flag} {exception.Requirement}{got}{related}.";
    }
}
