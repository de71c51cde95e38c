using System.Globalization;

namespace DropoutLab.Data;

/// <summary>
/// The CSV conventions shared by every reader: comma-separated unquoted cells, a header row naming the columns,
/// blank lines skipped, and numbers written strictly as <c>[+|-]digits[.digits][e[+|-]digits]</c> (the invariant
/// culture: '.' is the only decimal point, no thousands separators, no control characters) and finite. Every
/// problem is a <see cref="DataFormatException"/> naming the file and line, and the column for a bad cell.
/// </summary>
internal static class CsvText
{
    /// <summary>Opens <paramref name="path"/> for reading; a folder, a missing or an unreadable file is a data error.</summary>
    public static StreamReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new DataFormatException("is a directory; expected a CSV file.", path);
        }

        try
        {
            return new StreamReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFormatException($"cannot read the file ({ex.Message.TrimEnd('.')}).", path);
        }
    }

    /// <summary>
    /// The header's cells (line 1). An empty file is a data error, and so is a first row whose cells are all numbers:
    /// that is a data row, and reading it as the header would silently drop an example.
    /// </summary>
    public static string[] ReadHeader(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            throw new DataFormatException("the file is empty; expected a header row.", source, 1);
        }

        string[] cells = header.Split(',');
        if (cells.All(cell => TryParseStrict(TrimCell(cell), out _)))
        {
            throw new DataFormatException(
                $"the first row must name the columns, but it holds only numbers ('{Shown(header)}'); add a header row such as x1,x2,label.",
                source,
                1);
        }

        return cells;
    }

    /// <summary>
    /// The data rows after the header with their 1-based line numbers; each must have <paramref name="columns"/>
    /// cells. A quote is refused: cells are never quoted, so "0,5" cannot hide a comma decimal or a thousands separator.
    /// </summary>
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
            int quoted = Array.FindIndex(cells, cell => cell.Contains('"', StringComparison.Ordinal));
            if (quoted >= 0)
            {
                throw new DataFormatException(
                    $"column {quoted + 1}: quoted cells are not supported ('{Shown(line)}'); write plain numbers with '.' as the decimal point and no thousands separators.",
                    source,
                    lineNumber);
            }

            if (cells.Length != columns)
            {
                string hint = cells.Length > columns ? " (a comma inside a number, as in 0,5 or 1,000, splits it into two cells; use '.' as the decimal point and no thousands separators)" : string.Empty;
                throw new DataFormatException($"expected {columns} cells as in the header, found {cells.Length}{hint}.", source, lineNumber);
            }

            yield return (lineNumber, cells);
        }
    }

    /// <summary>
    /// Parses a finite number written strictly (see the class summary); spaces and tabs around it are ignored.
    /// <paramref name="column"/> is 1-based, for messages, which quote the cell with control characters escaped.
    /// </summary>
    public static double ParseNumber(string cell, string source, long line, int column)
    {
        ArgumentNullException.ThrowIfNull(cell);
        string text = TrimCell(cell);
        int control = text.AsSpan().IndexOfAnyInRange('\0', '\u001F');
        if (control < 0)
        {
            control = text.IndexOf('\u007F', StringComparison.Ordinal);
        }

        if (control >= 0)
        {
            throw new DataFormatException(
                string.Create(CultureInfo.InvariantCulture, $"column {column}: '{Shown(text)}' is not a number (it contains the control character U+{(int)text[control]:X4})."),
                source,
                line);
        }

        if (!TryParseStrict(text, out double value))
        {
            bool nonFinite = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double loose) && !double.IsFinite(loose);
            string reason = nonFinite
                ? "is not a finite number"
                : "is not a number (write numbers like -1234.5 or 2e-3: '.' as the decimal point, no thousands separators)";
            throw new DataFormatException($"column {column}: '{Shown(text)}' {reason}.", source, line);
        }

        if (!double.IsFinite(value))
        {
            throw new DataFormatException($"column {column}: '{Shown(text)}' is not a finite number.", source, line);
        }

        return value;
    }

    /// <summary>A cell without the spaces and tabs around it.</summary>
    private static string TrimCell(string cell) => cell.Trim(' ', '\t');

    /// <summary>
    /// True when <paramref name="text"/> is exactly <c>[+|-]digits[.digits][e[+|-]digits]</c> (or <c>[+|-].digits…</c>)
    /// in ASCII; <paramref name="value"/> is then its invariant-culture value, which may overflow to ±∞.
    /// </summary>
    private static bool TryParseStrict(string text, out double value)
    {
        value = 0;
        int i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        int integerDigits = CountDigits(text, ref i);
        int fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
        }

        if (integerDigits + fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length
            && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    private static int CountDigits(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }

    /// <summary><paramref name="text"/> for a one-line message: control characters as \uXXXX, at most 40 characters.</summary>
    private static string Shown(string text)
    {
        var shown = new System.Text.StringBuilder();
        foreach (char c in text.Length > 40 ? text[..40] : text)
        {
            shown.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString());
        }

        return text.Length > 40 ? shown.Append('…').ToString() : shown.ToString();
    }
}
