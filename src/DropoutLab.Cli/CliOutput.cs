namespace DropoutLab.Cli;

/// <summary>The streams a command writes to (injected so tests can capture them).</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error)
{
    /// <summary>SIGINT/SIGTERM as a cancellation token for the commands that stop cleanly.</summary>
    public CliInterruption Interruption { get; init; } = new();
}
