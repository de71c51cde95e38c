using DropoutLab.Layers;

namespace DropoutLab.Explain;

/// <summary>Names of the <see cref="ExplainRule"/> values on the command line and in JSON, and their dropout layers.</summary>
internal static class ExplainRuleNames
{
    /// <summary>Every rule, in the order they are reported.</summary>
    public static IReadOnlyList<ExplainRule> All { get; } =
        [ExplainRule.NoDropout, ExplainRule.Unscaled, ExplainRule.Inverted, ExplainRule.AtInference];

    /// <summary>"no-dropout", "unscaled", "inverted" or "at-inference".</summary>
    public static string ToName(this ExplainRule rule) => rule switch
    {
        ExplainRule.NoDropout => "no-dropout",
        ExplainRule.Unscaled => "unscaled",
        ExplainRule.Inverted => "inverted",
        ExplainRule.AtInference => "at-inference",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    /// <summary>The dropout layer's scaling rule that trains as <paramref name="rule"/> does, or null for no dropout.</summary>
    public static DropoutScaling? ToScaling(this ExplainRule rule) => rule switch
    {
        ExplainRule.NoDropout => null,
        ExplainRule.Unscaled => DropoutScaling.None,
        ExplainRule.Inverted => DropoutScaling.Inverted,
        ExplainRule.AtInference => DropoutScaling.AtInference,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };
}
