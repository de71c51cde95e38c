using System.Globalization;
using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Training;

namespace DropoutLab.Playground.State;

/// <summary>
/// The page's URL contract: query parameters set any control, e.g. <c>?preset=seed-table&amp;autorun=1</c> or
/// <c>?keepProb=0.5&amp;scaling=none&amp;depth=3</c> or <c>?dropout=gaussian&amp;activation=selu</c> or
/// <c>?dropout=dropconnect&amp;batchnorm=after-dropout</c>. A parameter that cannot be read is skipped and named in
/// <see cref="Errors"/>; the rest still apply.
/// </summary>
public sealed class PlaygroundQuery
{
    private readonly List<string> _errors = [];

    private PlaygroundQuery(PlaygroundSettings settings) => Settings = settings;

    /// <summary>The settings the query gives (the defaults where it says nothing).</summary>
    public PlaygroundSettings Settings { get; private set; }

    /// <summary>One line per parameter that was refused.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The parameter names the page reads.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "preset", "dataset", "dataSeed", "depth", "width", "hidden", "keepProb", "keepProbs", "scaling", "compare",
        "versus", "masks", "learningRate", "lambd", "iterations", "initSeed", "seed", "maskSeed", "speed", "mc",
        "mcPasses", "layer", "autorun", "dropout", "activation", "batchnorm",
    ];

    /// <summary>Reads the query part of <paramref name="uri"/> ("?a=1&amp;b=2"; anything before "?" is ignored).</summary>
    public static PlaygroundQuery Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var pairs = new List<(string Name, string Value)>();
        int question = uri.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            string query = uri[(question + 1)..];
            int hash = query.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                query = query[..hash];
            }

            foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=', StringComparison.Ordinal);
                string name = Unescape(equals < 0 ? part : part[..equals]);
                string value = equals < 0 ? "1" : Unescape(part[(equals + 1)..]);
                pairs.Add((name, value));
            }
        }

        // The preset first, so that other parameters refine it.
        var result = new PlaygroundQuery(new PlaygroundSettings());
        foreach ((string name, string value) in pairs.Where(pair => pair.Name == "preset"))
        {
            result.Apply(name, value);
        }

        // Depth before widths and keep-probs, which then apply to every layer.
        foreach ((string name, string value) in pairs.Where(pair => pair.Name is "depth" or "hidden"))
        {
            result.Apply(name, value);
        }

        // The variant before the scaling, compare mode and activation it constrains.
        foreach ((string name, string value) in pairs.Where(pair => pair.Name == "dropout"))
        {
            result.Apply(name, value);
        }

        foreach ((string name, string value) in pairs.Where(pair => pair.Name is not ("preset" or "depth" or "hidden" or "dropout")))
        {
            result.Apply(name, value);
        }

        return result;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private void Apply(string name, string value)
    {
        PlaygroundSettings s = Settings;
        try
        {
            Settings = name switch
            {
                "preset" => value == "seed-table" ? PlaygroundSettings.SeedTable : throw Bad("is not a preset (seed-table)"),
                "dataset" => s with { Dataset = Dataset(value) },
                "dataSeed" => s with { DataSeed = UInt(value) },
                "depth" => s.WithDepth(Int(value, 1, PlaygroundSettings.MaxDepth)),
                "width" => s with { Hidden = [.. s.Hidden.Select(_ => Int(value, 1, PlaygroundSettings.MaxWidth))] },
                "hidden" => Hidden(s, value),
                "keepProb" => s with { KeepProbs = [.. s.KeepProbs.Select(_ => KeepProb(value))] },
                "keepProbs" => KeepProbs(s, value),
                "scaling" => s with { Scaling = ChoosableScaling(s, Scaling(value)) },
                "compare" => s with { Compare = Flag(value) && ScalingChoosable(s) },
                "versus" => s with { Versus = Scaling(value), Compare = ScalingChoosable(s) },
                "dropout" => s.WithDropout(Dropout(value)),
                "activation" => s with { Activation = Activation(s, value) },
                "batchnorm" => s with { BatchNorm = BatchNorm(value) },
                "masks" => s with { Masks = value == "fixed" ? MaskPolicy.Fixed : value == "fresh" ? MaskPolicy.Fresh : throw Bad("must be fixed or fresh") },
                "learningRate" => s with { LearningRate = Number(value, positive: true) },
                "lambd" => s with { Lambd = Number(value, positive: false) },
                "iterations" => s with { Iterations = Int(value, 1, 1_000_000) },
                "initSeed" or "seed" => s with { InitSeed = UInt(value) },
                "maskSeed" => s with { MaskSeed = UInt(value) },
                "speed" => s with { Speed = Int(value, 0, 100_000) },
                "mc" => s with { MonteCarlo = Flag(value) },
                "mcPasses" => s with { MonteCarloPasses = Int(value, 2, 500) },
                "layer" => s with { ExplainLayer = Int(value, 0, s.Hidden.Count - 1) },
                "autorun" => s with { Autorun = Flag(value) },
                _ => throw Bad($"is not a parameter of the page ({string.Join(", ", Names)})"),
            };
        }
        catch (FormatException error)
        {
            _errors.Add($"URL parameter {name}={value} {error.Message}; ignored.");
        }
    }

    private static FormatException Bad(string message) => new(message);

    private static string Dataset(string value) =>
        value is "football" or "csv" || SyntheticShapeNames.TryParse(value, out _)
            ? value
            : throw Bad($"is not a dataset (football, {string.Join(", ", SyntheticShapeNames.Names)})");

    private static DropoutScaling Scaling(string value) => value switch
    {
        "inverted" or "none" or "at-inference" => DropoutScalingNames.Parse(value),
        _ => throw Bad("must be inverted, none or at-inference"),
    };

    private static DropoutVariant Dropout(string value) =>
        PlaygroundSettings.Dropouts.Where(variant => PlaygroundSettings.Name(variant) == value).Select(variant => (DropoutVariant?)variant).FirstOrDefault()
            ?? throw Bad($"must be {string.Join(", ", PlaygroundSettings.Dropouts.Select(PlaygroundSettings.Name))}");

    private static BatchNormPlacement BatchNorm(string value) =>
        PlaygroundSettings.BatchNorms.Where(placement => PlaygroundSettings.Name(placement) == value).Select(placement => (BatchNormPlacement?)placement).FirstOrDefault()
            ?? throw Bad($"must be {string.Join(", ", PlaygroundSettings.BatchNorms.Select(PlaygroundSettings.Name))}");

    private static HiddenActivation Activation(PlaygroundSettings s, string value)
    {
        HiddenActivation activation = PlaygroundSettings.Activations.Where(a => PlaygroundSettings.Name(a) == value).Select(a => (HiddenActivation?)a).FirstOrDefault()
            ?? throw Bad($"must be {string.Join(", ", PlaygroundSettings.Activations.Select(PlaygroundSettings.Name))}");
        return s.Dropout == DropoutVariant.Alpha && activation != HiddenActivation.Selu
            ? throw Bad("cannot be used with dropout=alpha, which needs selu")
            : activation;
    }

    private static DropoutScaling ChoosableScaling(PlaygroundSettings s, DropoutScaling scaling) =>
        s.ScalingChoosable || scaling == DropoutScaling.Inverted
            ? scaling
            : throw Bad($"cannot be used with dropout={PlaygroundSettings.Name(s.Dropout)}, which trains with inverted scaling only");

    private static bool ScalingChoosable(PlaygroundSettings s) =>
        s.ScalingChoosable ? true : throw Bad($"cannot be used with dropout={PlaygroundSettings.Name(s.Dropout)}: compare mode compares scaling rules, and it trains with inverted scaling only");

    private static PlaygroundSettings Hidden(PlaygroundSettings s, string value)
    {
        string[] parts = value.Split(',');
        if (parts.Length > PlaygroundSettings.MaxDepth)
        {
            throw Bad($"lists more than {PlaygroundSettings.MaxDepth} layers");
        }

        PlaygroundSettings deeper = s.WithDepth(parts.Length);
        return deeper with { Hidden = [.. parts.Select(part => Int(part, 1, PlaygroundSettings.MaxWidth))] };
    }

    private static PlaygroundSettings KeepProbs(PlaygroundSettings s, string value)
    {
        string[] parts = value.Split(',');
        return parts.Length != s.Hidden.Count
            ? throw Bad($"must give one keep-prob per hidden layer ({s.Hidden.Count})")
            : s with { KeepProbs = [.. parts.Select(KeepProb)] };
    }

    private static double KeepProb(string value)
    {
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double keepProb) && keepProb > 0 && keepProb <= 1
            ? keepProb
            : throw Bad("must be in (0, 1]");
    }

    private static bool Flag(string value) => value switch
    {
        "1" or "true" or "on" or "yes" => true,
        "0" or "false" or "off" or "no" => false,
        _ => throw Bad("must be 1 or 0"),
    };

    private static int Int(string value, int minimum, int maximum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= minimum && number <= maximum
            ? number
            : throw Bad($"must be a whole number in [{minimum}, {maximum}]");

    private static uint UInt(string value) =>
        uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint number)
            ? number
            : throw Bad($"must be a whole number in [0, {uint.MaxValue}]");

    private static double Number(string value, bool positive) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number) && (positive ? number > 0 : number >= 0)
            ? number
            : throw Bad(positive ? "must be a number > 0" : "must be a number ≥ 0");
}
