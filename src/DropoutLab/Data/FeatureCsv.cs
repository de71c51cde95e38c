namespace DropoutLab.Data;

/// <summary>
/// Reads a CSV of unlabelled examples for a network with a known input width w: a header row, then one row per
/// example with w numeric cells. A file with exactly w + 1 columns is taken to carry a label (or any other value)
/// in its last column, which is skipped without being parsed. Cells are stored as float32, the precision of every
/// data set in the library; a number beyond float32's range is an error rather than an infinity.
/// </summary>
public static class FeatureCsv
{
    /// <summary>Loads <paramref name="path"/> for a network taking <paramref name="featureCount"/> inputs.</summary>
    /// <exception cref="DataFormatException">The file is missing, unreadable, malformed or of the wrong width.</exception>
    public static FeatureTable Load(string path, int featureCount)
    {
        using StreamReader reader = CsvText.Open(path);
        return Read(reader, path, featureCount);
    }

    /// <summary>Parses CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    public static FeatureTable Read(TextReader reader, string source, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        string[] header = CsvText.ReadHeader(reader, source);
        int columns = header.Length;
        if (columns != featureCount && columns != featureCount + 1)
        {
            throw new DataFormatException(
                $"has {columns} columns but the model takes {featureCount} features (give {featureCount} feature columns, or {featureCount + 1} with a label column last).",
                source,
                1);
        }

        var features = new List<float>();
        foreach ((long lineNumber, string[] cells) in CsvText.Rows(reader, source, columns))
        {
            for (int c = 0; c < featureCount; c++)
            {
                double value = CsvText.ParseNumber(cells[c], source, lineNumber, c + 1);
                float single = (float)value;
                if (!float.IsFinite(single))
                {
                    throw new DataFormatException($"column {c + 1}: '{cells[c].Trim()}' is beyond the float32 range (±3.4e38).", source, lineNumber);
                }

                features.Add(single);
            }
        }

        if (features.Count == 0)
        {
            throw new DataFormatException("no data rows after the header.", source);
        }

        string? ignored = columns == featureCount + 1 ? header[^1].Trim() : null;
        return new FeatureTable([.. features], featureCount, source, ignored);
    }
}
