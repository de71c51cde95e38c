using System.Globalization;
using System.Text.RegularExpressions;

namespace DropoutLab.Cli.Output;

/// <summary>
/// Sizes in bytes as people write them: <c>4GiB</c>, <c>512MiB</c>, <c>4G</c> (binary: K, M, G, T with or without
/// "iB"), <c>2GB</c>, <c>500MB</c> (decimal: KB, MB, GB, TB), or a plain number of bytes; case-insensitive, a
/// fraction allowed (<c>1.5GiB</c>). Printed with binary units and one decimal (<c>3.4 GiB</c>).
/// </summary>
public static partial class ByteSize
{
    /// <summary>Parses <paramref name="text"/>; false unless it is a size above 0 bytes that fits in a long.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        Match match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            return false;
        }

        string unit = match.Groups["unit"].Value.ToUpperInvariant();
        double scale = unit.Length == 0 || unit == "B" ? 1 : Math.Pow(unit.EndsWith("B", StringComparison.Ordinal) && !unit.EndsWith("IB", StringComparison.Ordinal) ? 1000 : 1024, "KMGT".IndexOf(unit[0], StringComparison.Ordinal) + 1);
        double value = Math.Round(number * scale);
        if (!(value >= 1 && value < long.MaxValue))
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    /// <summary>"812 B", "3.4 KiB", "14.1 GiB", …</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:F1} {units[unit]}");
    }

    [GeneratedRegex(@"^\s*(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>[KMGT](iB|B)?|B)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
