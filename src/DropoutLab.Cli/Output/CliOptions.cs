using System.CommandLine;
using System.Globalization;

namespace DropoutLab.Cli.Output;

/// <summary>
/// Option factories. Flags that set a library setting are only parsed here (the library checks their range and
/// <see cref="SettingFlags"/> names the flag); flags the command line owns are range-checked here, with messages
/// naming the flag and the value. Every number is read by <see cref="CliNumbers"/> (culture-invariant, a point for
/// decimals, no separators); lists take commas between items. Help shows each default once, as it would be typed.
/// </summary>
public static class CliOptions
{
    /// <summary>--keep-prob in (0, 1], checked here: for a command that hands it to a kernel, not to a settings record.</summary>
    public static Option<double> KeepProb(double defaultValue, string description)
    {
        Option<double> option = Number("--keep-prob", defaultValue, description);
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
        Option<int> option = Integer(name, defaultValue, description);
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

    /// <summary>An integer flag from <paramref name="minimum"/> to <paramref name="maximum"/>; <paramref name="meaning"/> (e.g. "0: a free port") is added to the range in the message.</summary>
    public static Option<int> Between(string name, int minimum, int maximum, int defaultValue, string description, string meaning)
    {
        Option<int> option = Integer(name, defaultValue, description);
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int value) && (value < minimum || value > maximum))
            {
                result.AddError($"{name} must be a whole number from {minimum} to {maximum} ({meaning}), but got {value}.");
            }
        });
        return option;
    }

    /// <summary>A number flag, read by <see cref="CliNumbers.TryParseDouble"/>; its range is the library's to check (see <see cref="SettingFlags"/>).</summary>
    public static Option<double> Number(string name, double defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => Parse<double>(result, name, CliNumbers.TryParseDouble) };

    /// <summary>A number flag without a fixed default (the command says in <paramref name="description"/> what it does without it).</summary>
    public static Option<double?> OptionalNumber(string name, string description) =>
        new(name) { Description = description, CustomParser = result => Parse<double>(result, name, CliNumbers.TryParseDouble) };

    /// <summary>A whole-number flag, read by <see cref="CliNumbers.TryParseInt32"/>; its range is the library's to check (see <see cref="SettingFlags"/>).</summary>
    public static Option<int> Integer(string name, int defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => Parse<int>(result, name, CliNumbers.TryParseInt32) };

    /// <summary>A whole-number flag without a fixed default (the command says in <paramref name="description"/> what it does without it).</summary>
    public static Option<int?> OptionalInteger(string name, string description) =>
        new(name) { Description = description, CustomParser = result => Parse<int>(result, name, CliNumbers.TryParseInt32) };

    /// <summary>A seed flag, 0 to <see cref="uint.MaxValue"/>.</summary>
    public static Option<uint> UInt32(string name, uint defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => Parse<uint>(result, name, CliNumbers.TryParseUInt32) };

    /// <summary>A seed flag, 0 to <see cref="ulong.MaxValue"/>.</summary>
    public static Option<ulong> UInt64(string name, ulong defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => Parse<ulong>(result, name, CliNumbers.TryParseUInt64) };

    /// <summary>
    /// A comma-separated list of numbers, e.g. <c>--activations 2,0.5,0,1.2</c>; decimals take a point, so
    /// "0,8,0,5" is four numbers. Never empty (the values' range is the library's to check); read it with
    /// <see cref="Numbers"/>. Help shows the default as it would be typed.
    /// </summary>
    public static Option<string> NumberList(string name, IReadOnlyList<double> defaultValue, string description) =>
        NumberListText(name, string.Join(',', defaultValue.Select(Format)), description);

    /// <summary>A comma-separated list of whole numbers, e.g. <c>--layers 784,1024,10</c>; never empty (the values' range is the library's to check); read it with <see cref="Integers"/>.</summary>
    public static Option<string> IntegerList(string name, IReadOnlyList<int> defaultValue, string description) =>
        IntList(name, string.Join(',', defaultValue.Select(v => v.ToString(CultureInfo.InvariantCulture))), description);

    /// <summary>A list option of numbers without a fixed default: <see cref="OptionalNumbers"/> is null when it is not given.</summary>
    public static Option<string?> OptionalNumberList(string name, string description) =>
        OptionalList(name, description, text => TryParseNumberList(name, text, out _));

    /// <summary>A list option of whole numbers without a fixed default: <see cref="OptionalIntegers"/> is null when it is not given.</summary>
    public static Option<string?> OptionalIntegerList(string name, string description) =>
        OptionalList(name, description, text => TryParseIntList(name, text, out _));

    /// <summary>The numbers of a <see cref="NumberList"/> option.</summary>
    public static double[] Numbers(ParseResult parsed, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(option);
        return ParseNumberList(option.Name, parsed.GetValue(option) ?? string.Empty);
    }

    /// <summary>The whole numbers of an <see cref="IntegerList"/> option.</summary>
    public static int[] Integers(ParseResult parsed, Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(option);
        return ParseIntList(option.Name, parsed.GetValue(option) ?? string.Empty);
    }

    /// <summary>The numbers of an <see cref="OptionalNumberList"/> option, or null when it is not given.</summary>
    public static double[]? OptionalNumbers(ParseResult parsed, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(option);
        return parsed.GetValue(option) is { } text ? ParseNumberList(option.Name, text) : null;
    }

    /// <summary>The whole numbers of an <see cref="OptionalIntegerList"/> option, or null when it is not given.</summary>
    public static int[]? OptionalIntegers(ParseResult parsed, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(option);
        return parsed.GetValue(option) is { } text ? ParseIntList(option.Name, text) : null;
    }

    /// <summary>--plot-size WIDTHxHEIGHT in pixels, each in [<see cref="Plots.PlotSize.Minimum"/>, <see cref="Plots.PlotSize.Maximum"/>].</summary>
    public static Option<Plots.PlotSize> PlotSize(Plots.PlotSize defaultValue)
    {
        return new Option<Plots.PlotSize>("--plot-size")
        {
            Description = "Size of every figure in pixels, WIDTHxHEIGHT",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
                string[] parts = text.Split('x', 'X');
                // Digits only on each side (no sign, separator, space or control character: see CliNumbers).
                if (parts.Length == 2
                    && parts.All(part => part.Length > 0 && part.All(char.IsAsciiDigit))
                    && CliNumbers.TryParseInt32("--plot-size", parts[0], out int width) is null
                    && CliNumbers.TryParseInt32("--plot-size", parts[1], out int height) is null
                    && width is >= Plots.PlotSize.Minimum and <= Plots.PlotSize.Maximum
                    && height is >= Plots.PlotSize.Minimum and <= Plots.PlotSize.Maximum)
                {
                    return new Plots.PlotSize(width, height);
                }

                result.AddError($"--plot-size must be WIDTHxHEIGHT with each between {Plots.PlotSize.Minimum} and {Plots.PlotSize.Maximum}, but got '{CliNumbers.Show(text)}'.");
                return defaultValue;
            },
        };
    }

    /// <summary>A flag that takes one of a fixed set of words.</summary>
    public static Option<string> OneOf(string name, string defaultValue, string description, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description} ({string.Join(", ", choices)})",
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

    /// <summary>A comma-separated list of whole numbers; read it with <see cref="ParseIntList"/>.</summary>
    public static Option<string> IntList(string name, string defaultValue, string description) =>
        ListOption(name, defaultValue, description, text => TryParseIntList(name, text, out _));

    /// <summary>A comma-separated list of numbers; read it with <see cref="ParseNumberList"/>.</summary>
    public static Option<string> NumberListText(string name, string defaultValue, string description) =>
        ListOption(name, defaultValue, description, text => TryParseNumberList(name, text, out _));

    /// <summary>A comma-separated list of words from <paramref name="choices"/>; read it with <see cref="ParseWordList"/>.</summary>
    public static Option<string> WordList(string name, string defaultValue, string description, params string[] choices) =>
        ListOption(name, defaultValue, $"{description} ({string.Join(", ", choices)})", text => TryParseWordList(name, text, choices, out _));

    /// <summary>The values of an <see cref="IntList"/> option.</summary>
    public static int[] ParseIntList(string name, string text) =>
        TryParseIntList(name, text, out int[] values) is { } error ? throw new UsageException(error) : values;

    /// <summary>The values of a <see cref="NumberListText"/> option.</summary>
    public static double[] ParseNumberList(string name, string text) =>
        TryParseNumberList(name, text, out double[] values) is { } error ? throw new UsageException(error) : values;

    /// <summary>The values of a <see cref="WordList"/> option.</summary>
    public static string[] ParseWordList(string name, string text, params string[] choices) =>
        TryParseWordList(name, text, choices, out string[] values) is { } error ? throw new UsageException(error) : values;

    private static Option<string> ListOption(string name, string defaultValue, string description, Func<string, string?> check)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description}; comma-separated",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            if (check(result.GetValueOrDefault<string>() ?? string.Empty) is { } error)
            {
                result.AddError(error);
            }
        });
        return option;
    }

    private static Option<string?> OptionalList(string name, string description, Func<string, string?> check)
    {
        var option = new Option<string?>(name) { Description = $"{description}; comma-separated" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && check(text) is { } error)
            {
                result.AddError(error);
            }
        });
        return option;
    }

    // One token, read strictly; a token that does not read is reported as one line naming the flag and the value.
    private delegate string? Reader<T>(string name, string text, out T value);

    private static T Parse<T>(System.CommandLine.Parsing.ArgumentResult result, string name, Reader<T> read)
        where T : struct
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(token => token.Value));
        if (read(name, text, out T value) is { } error)
        {
            result.AddError(error);
            return default;
        }

        return value;
    }

    // Each returns null and the values, or an error message naming the flag and the offending text; the values'
    // ranges, and whether one is listed twice, are the library's to check.
    private static string? TryParseIntList(string name, string text, out int[] values)
    {
        values = [];
        if (SplitList(name, text, out string[] items) is { } error)
        {
            return error;
        }

        var parsed = new int[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (CliNumbers.TryParseInt32(name, items[i], out parsed[i]) is { } itemError)
            {
                return $"{itemError[..^1]} (in '{CliNumbers.Show(text)}').";
            }
        }

        values = parsed;
        return null;
    }

    private static string? TryParseNumberList(string name, string text, out double[] values)
    {
        values = [];
        if (SplitList(name, text, out string[] items) is { } error)
        {
            return error;
        }

        var parsed = new double[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (CliNumbers.TryParseDouble(name, items[i], out parsed[i]) is { } itemError)
            {
                return $"{itemError[..^1]} (in '{CliNumbers.Show(text)}').";
            }
        }

        values = parsed;
        return null;
    }

    private static string? TryParseWordList(string name, string text, string[] choices, out string[] values)
    {
        values = [];
        if (SplitList(name, text, out string[] items) is { } error)
        {
            return error;
        }

        foreach (string item in items)
        {
            if (!choices.Contains(item, StringComparer.Ordinal))
            {
                return $"{name}: unknown value '{item}' (expected {string.Join(", ", choices[..^1])} or {choices[^1]}).";
            }
        }

        values = items;
        return null;
    }

    private static string? SplitList(string name, string text, out string[] items)
    {
        // Spaces around an item are allowed ("0.8, 0.5" quoted in a shell); any other whitespace is the item's to refuse.
        items = [.. text.Split(',').Select(item => item.Trim(' '))];
        if (text.Trim(' ').Length == 0)
        {
            return $"{name}: the list is empty.";
        }

        return items.Any(item => item.Length == 0) ? $"{name}: '{CliNumbers.Show(text)}' has an empty item." : null;
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
