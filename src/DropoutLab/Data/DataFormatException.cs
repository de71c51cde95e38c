namespace DropoutLab.Data;

/// <summary>A data file that cannot be used, with where the problem is (file, and line when known).</summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/>, line <paramref name="line"/> (0 when not about one line).</summary>
    public DataFormatException(string path, long line, string message)
        : base(line > 0 ? $"{path}:{line}: {message}" : $"{path}: {message}")
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file, when known.</summary>
    public string? Path { get; }

    /// <summary>The 1-based line, or 0 when the problem is not about one line.</summary>
    public long Line { get; }
}
