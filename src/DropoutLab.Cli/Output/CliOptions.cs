using System.CommandLine;
using System.Globalization;

namespace DropoutLab.Cli.Output;

/// <summary>Option factories with range checks whose messages name the flag and the value.</summary>
public static class CliOptions
{
    /// <summary>--keep-prob in (0, 1].</summary>
    public static Option<double> KeepProb(double defaultValue, string description)
    {
        var option = new Option<double>("--keep-prob") { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (!TryGetValue(result, out double value))
            {
                return;
            }

            if (!(value > 0 && value <= 1))
            {
                result.AddError($"--keep-prob must be in (0, 1], but got {Format(value)}.");
            }
        });
        return option;
    }

    /// <summary>An integer flag with a lower bound.</summary>
    public static Option<int> AtLeast(string name, int minimum, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (!TryGetValue(result, out int value))
            {
                return;
            }

            if (value < minimum)
            {
                result.AddError($"{name} must be at least {minimum}, but got {value}.");
            }
        });
        return option;
    }

    /// <summary>A positive, finite double flag.</summary>
    public static Option<double> Positive(string name, double defaultValue, string description)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (!TryGetValue(result, out double value))
            {
                return;
            }

            if (!(value > 0) || double.IsInfinity(value))
            {
                result.AddError($"{name} must be a positive number, but got {Format(value)}.");
            }
        });
        return option;
    }

    /// <summary>A finite double flag ≥ 0.</summary>
    public static Option<double> NonNegative(string name, double defaultValue, string description)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (!TryGetValue(result, out double value))
            {
                return;
            }

            if (!(value >= 0) || double.IsInfinity(value))
            {
                result.AddError($"{name} must be a finite number ≥ 0, but got {Format(value)}.");
            }
        });
        return option;
    }

    /// <summary>A finite double flag (any sign).</summary>
    public static Option<double> Finite(string name, double defaultValue, string description)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out double value) && !double.IsFinite(value))
            {
                result.AddError($"{name} must be a finite number, but got {Format(value)}.");
            }
        });
        return option;
    }

    /// <summary>A comma-separated list of finite numbers, e.g. <c>--activations 2,0.5,0,1.2</c>; never empty.</summary>
    public static Option<double[]> NumberList(string name, IReadOnlyList<double> defaultValue, string description)
    {
        double[] defaults = [.. defaultValue];
        return new Option<double[]>(name)
        {
            Description = $"{description} (default {string.Join(',', defaults.Select(Format))})",
            DefaultValueFactory = _ => [.. defaults],
            CustomParser = result =>
            {
                string text = string.Join(',', result.Tokens.Select(token => token.Value));
                string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
                if (text.Trim().Length == 0)
                {
                    result.AddError($"{name} needs at least one number, but got '{text}'.");
                    return [];
                }

                var values = new double[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                {
                    if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                    {
                        result.AddError($"{name}: '{parts[i]}' is not a finite number (in '{text}').");
                        return [];
                    }
                }

                return values;
            },
        };
    }

    /// <summary>A comma-separated list of integers, each at least <paramref name="minimum"/>, e.g. <c>--layers 784,1024,10</c>; never empty.</summary>
    public static Option<int[]> IntegerList(string name, int minimum, IReadOnlyList<int> defaultValue, string description)
    {
        int[] defaults = [.. defaultValue];
        return new Option<int[]>(name)
        {
            Description = $"{description} (default {string.Join(',', defaults.Select(v => v.ToString(CultureInfo.InvariantCulture)))})",
            DefaultValueFactory = _ => [.. defaults],
            CustomParser = result =>
            {
                string text = string.Join(',', result.Tokens.Select(token => token.Value));
                string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
                if (text.Trim().Length == 0)
                {
                    result.AddError($"{name} needs at least one integer, but got '{text}'.");
                    return [];
                }

                var values = new int[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                {
                    if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]) || values[i] < minimum)
                    {
                        result.AddError($"{name}: '{parts[i]}' is not an integer ≥ {minimum} (in '{text}').");
                        return [];
                    }
                }

                return values;
            },
        };
    }

    /// <summary>--plot-size WIDTHxHEIGHT in pixels, each in [<see cref="Plots.PlotSize.Minimum"/>, <see cref="Plots.PlotSize.Maximum"/>].</summary>
    public static Option<Plots.PlotSize> PlotSize(Plots.PlotSize defaultValue)
    {
        return new Option<Plots.PlotSize>("--plot-size")
        {
            Description = $"Size of every figure in pixels, WIDTHxHEIGHT (default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
                string[] parts = text.Split('x', 'X');
                if (parts.Length == 2
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
                    && width is >= Plots.PlotSize.Minimum and <= Plots.PlotSize.Maximum
                    && height is >= Plots.PlotSize.Minimum and <= Plots.PlotSize.Maximum)
                {
                    return new Plots.PlotSize(width, height);
                }

                result.AddError($"--plot-size must be WIDTHxHEIGHT with each between {Plots.PlotSize.Minimum} and {Plots.PlotSize.Maximum}, but got '{text}'.");
                return defaultValue;
            },
        };
    }

    /// <summary>A flag that takes one of a fixed set of words.</summary>
    public static Option<string> OneOf(string name, string defaultValue, string description, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description} ({string.Join(", ", choices)}; default {defaultValue})",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is null || !choices.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{name}: unknown value '{value}' (expected {string.Join(", ", choices[..^1])} or {choices[^1]}).");
            }
        });
        return option;
    }

    // A token that does not convert has already been reported by the parser; only range-check real values.
    private static bool TryGetValue<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
