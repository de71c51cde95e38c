using System.Globalization;
using DropoutLab.Numerics;

namespace DropoutLab.Data;

/// <summary>
/// Reads a CSV of examples: a header row, then one row per example with numeric feature cells and the class label
/// (a whole number ≥ 0) in the last column. Every problem is reported with the file and line.
/// </summary>
public static class CsvDataset
{
    /// <summary>Loads <paramref name="path"/>. With <paramref name="binaryLabels"/> labels must be 0 or 1.</summary>
    /// <exception cref="DataFormatException">The file is missing, unreadable or malformed.</exception>
    public static Dataset Load(string path, bool binaryLabels)
    {
        ArgumentNullException.ThrowIfNull(path);
        TextReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFormatException($"cannot read the file ({ex.Message.TrimEnd('.')}).", path);
        }

        using (reader)
        {
            return Read(reader, path, binaryLabels);
        }
    }

    /// <summary>Parses CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    public static Dataset Read(TextReader reader, string source, bool binaryLabels)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            throw new DataFormatException("the file is empty; expected a header row.", source, 1);
        }

        int columns = header.Split(',').Length;
        if (columns < 2)
        {
            throw new DataFormatException("the header has fewer than two columns (at least one feature and the label are needed).", source, 1);
        }

        var features = new List<double>();
        var labels = new List<int>();
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

            for (int c = 0; c < columns - 1; c++)
            {
                features.Add(ParseNumber(cells[c], source, lineNumber, c + 1));
            }

            double label = ParseNumber(cells[^1], source, lineNumber, columns);
            if (label < 0 || label != Math.Floor(label) || label > int.MaxValue || (binaryLabels && label > 1))
            {
                string expected = binaryLabels ? "0 or 1" : "a whole number ≥ 0";
                throw new DataFormatException($"label '{cells[^1].Trim()}' must be {expected}.", source, lineNumber);
            }

            labels.Add((int)label);
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException("no data rows after the header.", source);
        }

        int featureCount = columns - 1;
        int m = labels.Count;
        var matrix = new Matrix<double>(featureCount, m);
        for (int j = 0; j < m; j++)
        {
            for (int f = 0; f < featureCount; f++)
            {
                matrix[f, j] = features[(j * featureCount) + f];
            }
        }

        int classCount = binaryLabels ? 2 : labels.Max() + 1;
        return new Dataset(matrix, [.. labels], classCount, source);
    }

    private static double ParseNumber(string cell, string source, long line, int column)
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
