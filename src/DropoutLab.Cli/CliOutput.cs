namespace DropoutLab.Cli;

/// <summary>The streams a command writes to (injected so tests can capture them).</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error);
