namespace DropoutLab.Explain;

/// <summary>The result of <see cref="ExplainExperiment.Run"/>: one report per rule, in <see cref="ExplainRuleNames.All"/> order.</summary>
public sealed record ExplainResult(ExplainSettings Settings, IReadOnlyList<RuleReport> Rules)
{
    /// <summary>The report of <paramref name="rule"/>.</summary>
    public RuleReport For(ExplainRule rule) => Rules.First(report => report.Rule == rule);

    /// <summary>z without dropout, w·a + b: what every rule should match on average.</summary>
    public double NoDropoutZ => NextLayerMoments.Mean(Settings.Weights, Settings.Activations, Settings.Bias);
}
