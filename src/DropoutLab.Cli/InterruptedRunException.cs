namespace DropoutLab.Cli;

/// <summary>
/// A command stopped early because of SIGINT or SIGTERM (see <see cref="CliInterruption"/>). The message is the one
/// line for standard error, e.g. "<c>interrupted at epoch 3 of 30; no model written</c>".
/// </summary>
public sealed class InterruptedRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was interrupted and what was (not) written.</param>
    /// <param name="exitCode">130 after SIGINT, 143 after SIGTERM.</param>
    /// <param name="innerException">The cancellation that stopped the run.</param>
    public InterruptedRunException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }
}
