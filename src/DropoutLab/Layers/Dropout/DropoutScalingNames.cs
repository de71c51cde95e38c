namespace DropoutLab.Layers;

/// <summary>The names of the scaling rules, as JSON documents, command lines and the playground's URL spell them.</summary>
public static class DropoutScalingNames
{
    /// <summary>"inverted", "at-inference" or "none".</summary>
    public static string ToName(this DropoutScaling scaling) => scaling switch
    {
        DropoutScaling.Inverted => "inverted",
        DropoutScaling.AtInference => "at-inference",
        DropoutScaling.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown dropout scaling rule."),
    };

    /// <summary>Parses a name given by <see cref="ToName"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="name"/> is not a rule's name.</exception>
    public static DropoutScaling Parse(string name) => name switch
    {
        "inverted" => DropoutScaling.Inverted,
        "at-inference" => DropoutScaling.AtInference,
        "none" => DropoutScaling.None,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown dropout scaling rule '{name}'."),
    };
}
