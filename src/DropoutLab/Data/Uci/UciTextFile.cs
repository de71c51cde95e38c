using System.Globalization;

namespace DropoutLab.Data;

/// <summary>
/// The whitespace-separated number files of the UCI layout: every non-blank line is read, any mix of spaces and tabs
/// separates values, and a bad value names its file, line and column.
/// </summary>
internal static class UciTextFile
{
    /// <summary>The rows of numbers of <paramref name="path"/>, blank lines skipped.</summary>
    /// <exception cref="DataFormatException">A value is not a finite number, or the file cannot be read.</exception>
    public static List<double[]> Rows(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot be read: {error.Message}", path, innerException: error);
        }

        var rows = new List<double[]>(lines.Length);
        for (int l = 0; l < lines.Length; l++)
        {
            string[] fields = lines[l].Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            var row = new double[fields.Length];
            for (int c = 0; c < fields.Length; c++)
            {
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]) || !double.IsFinite(row[c]))
                {
                    throw new DataFormatException($"value {c + 1} ('{Shorten(fields[c])}') is not a finite number.", path, l + 1);
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every value of <paramref name="path"/> in order, whatever the lines.</summary>
    public static double[] Values(string path) => [.. Rows(path).SelectMany(row => row)];

    /// <summary>
    /// The values of <paramref name="path"/> as 0-based indices below <paramref name="limit"/> (written as integers or as
    /// integral decimals such as 12.0), at least one.
    /// </summary>
    /// <exception cref="DataFormatException">A value is not a whole number in [0, limit), or there is none.</exception>
    public static int[] Indices(string path, int limit, string what)
    {
        List<double[]> rows = Rows(path);
        var indices = new List<int>();
        for (int l = 0; l < rows.Count; l++)
        {
            foreach (double value in rows[l])
            {
                if (value != Math.Floor(value) || value < 0 || value >= limit)
                {
                    throw new DataFormatException(string.Create(CultureInfo.InvariantCulture, $"{value} is not a {what} (a whole number from 0 to {limit - 1})."), path, l + 1);
                }

                indices.Add((int)value);
            }
        }

        if (indices.Count == 0)
        {
            throw new DataFormatException($"has no {what}s.", path);
        }

        return [.. indices];
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
