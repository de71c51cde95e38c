namespace DropoutLab.Cli;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A data file could not be used.</summary>
    public const int DataError = 1;

    /// <summary>The command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>A bug in dropout-lab: an exception no command should let escape (EX_SOFTWARE of sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by SIGINT (128 + 2, as a shell reports a process killed by it).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}
