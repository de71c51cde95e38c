using System.Globalization;
using DropoutLab.Study;
using Spectre.Console;

namespace DropoutLab.Cli.Output;

/// <summary>
/// Progress of a study on standard error: a Spectre.Console bar when standard error is the terminal, otherwise
/// plain lines at every tenth of the runs. Standard output is never touched.
/// </summary>
public static class StudyProgress
{
    /// <summary>Runs <paramref name="body"/>, handing it the callback to call after each of <paramref name="total"/> runs.</summary>
    public static StudyResult Run(CliOutput io, int total, Func<Action<StudyRunResult>, StudyResult> body) =>
        Run<StudyRunResult, StudyResult>(io, total, body);

    /// <summary>Runs <paramref name="body"/> of any study, handing it the callback to call after each of <paramref name="total"/> runs.</summary>
    public static TResult Run<TRun, TResult>(CliOutput io, int total, Func<Action<TRun>, TResult> body) =>
        Run(io, "study", "run", total, body);

    /// <summary>
    /// Runs <paramref name="body"/>, handing it the callback to call after each of <paramref name="total"/> units of
    /// work, shown as "<paramref name="label"/>: N <paramref name="unit"/>s".
    /// </summary>
    public static TResult Run<TRun, TResult>(CliOutput io, string label, string unit, int total, Func<Action<TRun>, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(body);
        bool terminal = ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected;
        if (terminal)
        {
            // Standard error is the terminal (checked above), even when standard output is redirected to a file.
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
            return console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask($"{label}: {Plural.Of(total, unit)}", maxValue: total);
                    return body(_ => task.Increment(1));
                });
        }

        int done = 0;
        int nextTenth = 1;
        var gate = new object();
        return body(_ =>
        {
            lock (gate)
            {
                done++;
                if (done * 10 >= nextTenth * total)
                {
                    io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {done}/{Plural.Of(total, unit)} done"));
                    while (nextTenth * total <= done * 10)
                    {
                        nextTenth++;
                    }
                }
            }
        });
    }
}
