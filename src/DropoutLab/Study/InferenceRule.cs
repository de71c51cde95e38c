namespace DropoutLab.Study;

/// <summary>How a trained network's dropout layers are replaced at test time.</summary>
public enum InferenceRule
{
    /// <summary>The trained weights as they are, y = a: what the course code does (for any training rule).</summary>
    Plain,

    /// <summary>Weight scaling (Srivastava et al. 2014), y = keepProb·a: E[m·a] for a net trained without scaling.</summary>
    AtInference,
}

/// <summary>The names used on the command line and in JSON.</summary>
internal static class InferenceRuleNames
{
    /// <summary>"plain" or "at-inference".</summary>
    public static string ToName(this InferenceRule rule) => rule switch
    {
        InferenceRule.Plain => "plain",
        InferenceRule.AtInference => "at-inference",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown inference rule."),
    };
}
