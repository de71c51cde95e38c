using DropoutLab.Layers;

namespace DropoutLab.Explain;

/// <summary>Names of the <see cref="ExplainRule"/> values on the command line and in JSON, and their dropout layers.</summary>
internal static class ExplainRuleNames
{
    /// <summary>Every rule, in the order they are reported.</summary>
    public static IReadOnlyList<ExplainRule> All { get; } =
        [ExplainRule.NoDropout, ExplainRule.Unscaled, ExplainRule.Inverted, ExplainRule.AtInference, ExplainRule.Gaussian, ExplainRule.Alpha, ExplainRule.DropConnect];

    /// <summary>
    /// The rules reported when none are chosen: the four Bernoulli scaling rules, Gaussian and alpha (DropConnect, which
    /// one next-layer unit cannot tell from inverted dropout, only when asked for).
    /// </summary>
    public static IReadOnlyList<ExplainRule> Default { get; } = [.. All.Where(rule => rule != ExplainRule.DropConnect)];

    /// <summary>The name of every rule, in <see cref="All"/> order.</summary>
    public static string[] Names { get; } = [.. All.Select(rule => rule.ToName())];

    /// <summary>The rule named <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static ExplainRule Parse(string name) =>
        All.FirstOrDefault(rule => rule.ToName() == name, (ExplainRule)(-1)) is var rule && Enum.IsDefined(rule)
            ? rule
            : throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown rule (expected {string.Join(", ", Names)}).");

    /// <summary>"no-dropout", "unscaled", "inverted", "at-inference", "gaussian", "alpha" or "dropconnect".</summary>
    public static string ToName(this ExplainRule rule) => rule switch
    {
        ExplainRule.NoDropout => "no-dropout",
        ExplainRule.Unscaled => "unscaled",
        ExplainRule.Inverted => "inverted",
        ExplainRule.AtInference => "at-inference",
        ExplainRule.Gaussian => "gaussian",
        ExplainRule.Alpha => "alpha",
        ExplainRule.DropConnect => "dropconnect",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    /// <summary>
    /// The dropout layer's scaling rule that trains as <paramref name="rule"/> does, or null for no dropout and for the
    /// rules no Bernoulli dropout layer implements (gaussian, alpha); DropConnect's contribution to one next-layer unit
    /// trains as inverted dropout.
    /// </summary>
    public static DropoutScaling? ToScaling(this ExplainRule rule) => rule switch
    {
        ExplainRule.NoDropout or ExplainRule.Gaussian or ExplainRule.Alpha => null,
        ExplainRule.Unscaled => DropoutScaling.None,
        ExplainRule.Inverted or ExplainRule.DropConnect => DropoutScaling.Inverted,
        ExplainRule.AtInference => DropoutScaling.AtInference,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };
}
