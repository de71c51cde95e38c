namespace DropoutLab.Explain;

/// <summary>The result of <see cref="ExplainExperiment.Run"/>: one report per rule, in the order of <see cref="ExplainSettings.Rules"/>.</summary>
public sealed record ExplainResult(ExplainSettings Settings, IReadOnlyList<RuleReport> Rules)
{
    /// <summary>What each rule keeps unchanged for the random input a ~ N(c, v), in the order of <see cref="Rules"/>.</summary>
    public IReadOnlyList<KeptUnchangedReport> KeptUnchanged { get; init; } = [];

    /// <summary>The report of <paramref name="rule"/>.</summary>
    public RuleReport For(ExplainRule rule) => Rules.First(report => report.Rule == rule);

    /// <summary>z without dropout, w·a + b: what every rule should match on average.</summary>
    public double NoDropoutZ => NextLayerMoments.Mean(Settings.Weights, Settings.Activations, Settings.Bias);
}
