using DropoutLab.Settings;

namespace DropoutLab.Explain;

/// <summary>
/// The input of <see cref="ExplainExperiment"/>: one layer's activations a, each kept with probability keepProb,
/// feeding a next-layer unit z = w·y + b; and a random input a ~ N(<see cref="InputMean"/>, <see cref="InputVariance"/>)
/// for "what is kept unchanged".
/// </summary>
public sealed record ExplainSettings
{
    /// <summary>Probability of keeping a unit, in (0, 1].</summary>
    public double KeepProb { get; init; } = 0.8;

    /// <summary>The activations a of the layer dropout acts on (ReLU outputs, say).</summary>
    public IReadOnlyList<double> Activations { get; init; } = [2.0, 0.5, 0.0, 1.2];

    /// <summary>The next layer's weights w, one per activation.</summary>
    public IReadOnlyList<double> Weights { get; init; } = [0.6, -1.0, 0.8, 0.5];

    /// <summary>The next layer's bias b.</summary>
    public double Bias { get; init; } = 0.1;

    /// <summary>The rules compared, in the order reported: by default all six, no-dropout to alpha. At least one, none twice.</summary>
    public IReadOnlyList<ExplainRule> Rules { get; init; } = ExplainRuleNames.Default;

    /// <summary>The mean c of the random input a ~ N(c, v) whose moments "what is kept unchanged" follows; finite.</summary>
    public double InputMean { get; init; } = 1.0;

    /// <summary>The variance v of the random input a ~ N(c, v); finite and ≥ 0 (0: a = c always).</summary>
    public double InputVariance { get; init; } = 0.25;

    /// <summary>Monte-Carlo trials (masks drawn per rule).</summary>
    public int Trials { get; init; } = 100000;

    /// <summary>Seed of the generator each rule's masks are drawn from.</summary>
    public uint Seed { get; init; } = 1;

    /// <summary>When true, every trial's z is kept (for histograms).</summary>
    public bool KeepSamples { get; init; }

    /// <summary>Throws <see cref="SettingException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Activations);
        ArgumentNullException.ThrowIfNull(Weights);
        SettingCheck.Choices(Rules, SettingNames.Rules, rule => Enum.IsDefined(rule) ? rule.ToName() : rule.ToString());
        SettingCheck.Require(Rules.All(Enum.IsDefined), SettingNames.Rules, $"must each be one of {string.Join(", ", ExplainRuleNames.Names)}", string.Join(',', Rules));
        SettingCheck.KeepProb(KeepProb, SettingNames.KeepProb);
        SettingCheck.Require(Activations.Count > 0, SettingNames.Activations, "must list at least one value", null);
        SettingCheck.Require(
            Weights.Count == Activations.Count,
            SettingNames.Weights,
            $"needs one value per activation ({Activations.Count})",
            SettingCheck.Text(Weights),
            SettingNames.Activations);
        SettingCheck.AllFinite(Activations, SettingNames.Activations);
        SettingCheck.AllFinite(Weights, SettingNames.Weights);
        SettingCheck.Finite(Bias, SettingNames.Bias);
        SettingCheck.Finite(InputMean, SettingNames.InputMean);
        SettingCheck.NonNegative(InputVariance, SettingNames.InputVariance, "0: the input is the constant mean");
        SettingCheck.AtLeast(Trials, 1, SettingNames.Trials);
    }
}
