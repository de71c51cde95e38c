namespace DropoutLab.Cli;

/// <summary>A command line that cannot be carried out (exit code 2).</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with a message naming the flag and value.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
