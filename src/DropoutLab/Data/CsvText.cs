using System.Globalization;

namespace DropoutLab.Data;

/// <summary>
/// The CSV conventions shared by every reader: comma-separated cells, a header row, blank lines skipped, numbers in
/// the invariant culture and finite. Every problem is a <see cref="DataFormatException"/> naming the file and line.
/// </summary>
internal static class CsvText
{
    /// <summary>Opens <paramref name="path"/> for reading; a missing or unreadable file is a data error.</summary>
    public static StreamReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new StreamReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFormatException($"cannot read the file ({ex.Message.TrimEnd('.')}).", path);
        }
    }

    /// <summary>The header's cells (line 1); an empty file is a data error.</summary>
    public static string[] ReadHeader(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            throw new DataFormatException("the file is empty; expected a header row.", source, 1);
        }

        return header.Split(',');
    }

    /// <summary>The data rows after the header with their 1-based line numbers; each must have <paramref name="columns"/> cells.</summary>
    public static IEnumerable<(long Line, string[] Cells)> Rows(TextReader reader, string source, int columns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (cells.Length != columns)
            {
                throw new DataFormatException($"expected {columns} cells as in the header, found {cells.Length}.", source, lineNumber);
            }

            yield return (lineNumber, cells);
        }
    }

    /// <summary>Parses a finite number in the invariant culture; <paramref name="column"/> is 1-based, for messages.</summary>
    public static double ParseNumber(string cell, string source, long line, int column)
    {
        string text = cell.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new DataFormatException($"column {column}: '{text}' is not a number.", source, line);
        }

        if (!double.IsFinite(value))
        {
            throw new DataFormatException($"column {column}: '{text}' is not a finite number.", source, line);
        }

        return value;
    }
}
