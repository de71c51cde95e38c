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
        using StreamReader reader = CsvText.Open(path);
        return Read(reader, path, binaryLabels);
    }

    /// <summary>Parses CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    public static Dataset Read(TextReader reader, string source, bool binaryLabels)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int columns = CsvText.ReadHeader(reader, source).Length;
        if (columns < 2)
        {
            throw new DataFormatException("the header has fewer than two columns (at least one feature and the label are needed).", source, 1);
        }

        var features = new List<double>();
        var labels = new List<int>();
        foreach ((long lineNumber, string[] cells) in CsvText.Rows(reader, source, columns))
        {
            for (int c = 0; c < columns - 1; c++)
            {
                features.Add(CsvText.ParseNumber(cells[c], source, lineNumber, c + 1));
            }

            double label = CsvText.ParseNumber(cells[^1], source, lineNumber, columns);
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
}
