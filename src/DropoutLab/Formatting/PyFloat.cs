using System.Globalization;

namespace DropoutLab.Formatting;

/// <summary>Formats a double the way Python's <c>repr</c> does: shortest round-trip digits, "1.0" not "1", "1e-05".</summary>
internal static class PyFloat
{
    /// <summary>Python's repr of <paramref name="value"/>.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            return text.Replace("E", "e", StringComparison.Ordinal);
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}
