using System.Globalization;

namespace DropoutLab.Cli.Output;

/// <summary>
/// Strict, culture-invariant reading of the numbers on the command line. A number is ASCII digits with an optional
/// leading sign; a decimal number may also have one '.' for the decimal point and an exponent (1e-3). Refused:
/// thousands separators (so "0,3" is never read as 3), a comma as the decimal point, whitespace or control
/// characters anywhere (a NUL byte included), and decimals too large for a double (1e400 is not read as infinity).
/// NaN and Infinity spelled out are read as such; whether a flag takes them is the library's (or the flag's) check.
/// Every message names the flag and the value (control characters shown escaped), never a .NET type.
/// </summary>
public static class CliNumbers
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Reads a decimal number; null and the value, or the error message.</summary>
    public static string? TryParseDouble(string name, string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        if (Rejects(text) || !double.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out value))
        {
            value = 0;
            return $"{name}: '{Show(text)}' is not a number{CommaHint(text)}.";
        }

        if (double.IsInfinity(value) && !text.TrimStart('+', '-').Equals("Infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = 0;
            return $"{name}: '{Show(text)}' is too large for a number.";
        }

        return null;
    }

    /// <summary>Reads a whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>] (the type's range, not a setting's).</summary>
    public static string? TryParseInteger(string name, string text, long minimum, ulong maximum, out ulong magnitude, out bool negative)
    {
        ArgumentNullException.ThrowIfNull(text);
        magnitude = 0;
        negative = false;
        string digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        if (Rejects(text) || digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return text.Contains(',', StringComparison.Ordinal)
                ? $"{name}: '{Show(text)}' is not a whole number; write it without separators."
                : $"{name}: '{Show(text)}' is not a whole number.";
        }

        negative = text.StartsWith('-');
        ulong negativeLimit = minimum < 0 ? (ulong)(-(minimum + 1)) + 1 : 0;
        bool fits = ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude)
            && (negative ? magnitude <= negativeLimit : magnitude <= maximum);
        if (!fits)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name}: {text} is out of range ({minimum} to {maximum}).");
        }

        negative &= magnitude != 0;
        return null;
    }

    /// <summary>Reads an <see cref="int"/>.</summary>
    public static string? TryParseInt32(string name, string text, out int value)
    {
        value = 0;
        if (TryParseInteger(name, text, int.MinValue, int.MaxValue, out ulong magnitude, out bool negative) is { } error)
        {
            return error;
        }

        value = negative ? (int)-(long)magnitude : (int)magnitude;
        return null;
    }

    /// <summary>Reads a <see cref="uint"/>.</summary>
    public static string? TryParseUInt32(string name, string text, out uint value)
    {
        value = 0;
        if (TryParseInteger(name, text, 0, uint.MaxValue, out ulong magnitude, out _) is { } error)
        {
            return error;
        }

        value = (uint)magnitude;
        return null;
    }

    /// <summary>Reads a <see cref="ulong"/>.</summary>
    public static string? TryParseUInt64(string name, string text, out ulong value) =>
        TryParseInteger(name, text, 0, ulong.MaxValue, out value, out _);

    /// <summary>The value as typed, with control and invisible whitespace characters escaped so the message stays one visible line.</summary>
    public static string Show(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ') || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }

    // Whitespace, control and format characters are never part of a number: .NET would skip trailing NULs and
    // surrounding whitespace silently.
    private static bool Rejects(string text) =>
        text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format);

    // "0,3" is refused with the spelling that would have been accepted.
    private static string CommaHint(string text)
    {
        if (!text.Contains(',', StringComparison.Ordinal))
        {
            return string.Empty;
        }

        string pointed = text.Replace(',', '.');
        return text.Count(c => c == ',') == 1 && !Rejects(text) && double.TryParse(pointed, DecimalStyle, CultureInfo.InvariantCulture, out _)
            ? $"; write decimals with a point: {pointed}"
            : "; write decimals with a point and no thousands separators";
    }
}
