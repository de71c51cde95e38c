namespace DropoutLab.Data;

/// <summary>
/// A data file does not have the expected format. <see cref="Exception.Message"/> is one
/// self-contained line naming the file and, when known, the line or byte offset.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>A data error without details.</summary>
    public DataFormatException()
    {
    }

    /// <summary>A data error with a message and no location.</summary>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>A data error caused by <paramref name="innerException"/>.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A format error in <paramref name="filePath"/> at an optional line (1-based) or byte offset.</summary>
    public DataFormatException(string message, string? filePath, long? line = null, long? offset = null, Exception? innerException = null)
        : base(Describe(message, filePath, line, offset), innerException)
    {
        FilePath = filePath;
        Line = line;
        Offset = offset;
        Reason = message;
    }

    /// <summary>The offending file, if known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line of a text file, if known.</summary>
    public long? Line { get; }

    /// <summary>The byte offset (in decompressed content) in a binary file, if known.</summary>
    public long? Offset { get; }

    /// <summary>The problem itself, without the location prefix.</summary>
    public string? Reason { get; }

    private static string Describe(string message, string? filePath, long? line, long? offset)
    {
        string location = filePath ?? "<data>";
        if (line is long lineNumber)
        {
            location += $":{lineNumber}";
        }

        if (offset is long byteOffset)
        {
            location += $" (byte {byteOffset})";
        }

        return $"{location}: {message}";
    }
}
