using DropoutLab.Data;
using DropoutLab.Formatting;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Cli;

/// <summary>
/// How an exception escaping a command ends the process, always with exactly one line on standard error and never a
/// stack trace: a run stopped by SIGINT or SIGTERM (<see cref="InterruptedRunException"/>) exits 130 or 143 with
/// "dropout-lab: interrupted …"; a bad command line (<see cref="UsageException"/>, or a <see cref="SettingException"/> whose setting
/// a flag sets) exits <see cref="ExitCodes.UsageError"/> naming the flag; a data file that cannot be used
/// (<see cref="DataFormatException"/>, an I/O failure) exits <see cref="ExitCodes.DataError"/> naming the file; a
/// training run that diverged (<see cref="TrainingDivergedException"/>) exits <see cref="ExitCodes.DataError"/> saying
/// where, what, and the flag to change; any other exception is a bug in dropout-lab and exits <see cref="ExitCodes.InternalError"/>.
/// </summary>
public static class CliErrors
{
    /// <summary>Where internal errors should be reported.</summary>
    public const string ReportTo = "the DropoutLab maintainers, with the command line that caused it";

    /// <summary>Writes the one line for <paramref name="exception"/> to <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        (int code, string line) = Describe(exception);
        error.WriteLine(line);
        return code;
    }

    /// <summary>The exit code and the line on standard error for <paramref name="exception"/>.</summary>
    public static (int ExitCode, string Line) Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception cause = Unwrap(exception);
        return cause switch
        {
            InterruptedRunException interrupted => (interrupted.ExitCode, $"dropout-lab: {OneLine(interrupted.Message)}"),
            UsageException usage => (ExitCodes.UsageError, Error(usage.Message)),
            SettingException setting when SettingFlags.Describe(setting) is { } sentence => (ExitCodes.UsageError, Error(sentence)),
            DataFormatException data => (ExitCodes.DataError, Error(data.Message)),
            TrainingDivergedException diverged => (ExitCodes.DataError, Error(Diverged(diverged))),
            IOException or UnauthorizedAccessException => (ExitCodes.DataError, Error(cause.Message)),
            _ => (ExitCodes.InternalError, $"dropout-lab: internal error: {cause.GetType().FullName}: {OneLine(cause.Message)} (please report this to {ReportTo})"),
        };
    }

    // Parallel work wraps what a worker threw; the first worker's exception is the one to report.
    private static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            exception = aggregate.Flatten().InnerExceptions[0];
        }

        return exception;
    }

    // "training diverged at epoch 3, step 120: loss is NaN; try a smaller --learning-rate (now 1e300)"; a loss that is
    // not finite before any update comes from the data or the initial parameters, not from the learning rate.
    private static string Diverged(TrainingDivergedException diverged)
    {
        string what = diverged.Message.TrimEnd('.');
        if (diverged.BeforeAnyUpdate)
        {
            return $"{what} before any update; the inputs (huge or non-finite feature values) make the network's output non-finite.";
        }

        string flag = SettingFlags.TryGetFlag(SettingNames.LearningRate, out string? name) ? name : SettingNames.LearningRate;
        return $"{what}; try a smaller {flag} (now {PyFloat.Format(diverged.LearningRate)}).";
    }

    private static string Error(string message) => $"dropout-lab: error: {OneLine(message)}";

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
