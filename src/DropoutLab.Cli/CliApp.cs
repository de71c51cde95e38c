using System.CommandLine;
using DropoutLab.Cli.Commands;

namespace DropoutLab.Cli;

/// <summary>
/// The <c>dropout-lab</c> command line. Usage errors exit 2 and data errors exit 1, each with one line on
/// standard error naming the flag, file, line or value; any other failure is a bug and exits 70 with one line
/// (see <see cref="CliErrors"/>); never a stack trace.
/// </summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, BuildRoot);

    /// <summary>
    /// Parses and runs <paramref name="args"/>; the commands that stop cleanly (train, study, course, reproduce) watch
    /// <paramref name="interruption"/>.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CliInterruption interruption) => Run(args, output, error, BuildRoot, interruption);

    /// <summary>Parses and runs <paramref name="args"/> against the commands <paramref name="buildRoot"/> makes.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, Func<CliOutput, RootCommand> buildRoot, CliInterruption? interruption = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var io = new CliOutput(output, error) { Interruption = interruption ?? new CliInterruption() };
            ParseResult parsed = buildRoot(io).Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // "Unrecognized command or argument 'x'" says more than "Required command was not provided".
                string message = parsed.Errors.Select(e => e.Message).OrderBy(m => m.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First();
                error.WriteLine($"dropout-lab: error: {message}");
                return ExitCodes.UsageError;
            }

            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, error);
        }
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRoot(CliOutput io)
    {
        var root = new RootCommand("DropoutLab: dropout made exact, visible and fast.");
        root.Subcommands.Add(ReproduceCommand.Create(io));
        root.Subcommands.Add(CourseCommand.Create(io));
        root.Subcommands.Add(ExplainCommand.Create(io));
        root.Subcommands.Add(StudyCommand.Create(io));
        root.Subcommands.Add(TrainCommand.Create(io));
        root.Subcommands.Add(EvaluateCommand.Create(io));
        root.Subcommands.Add(PredictCommand.Create(io));
        root.Subcommands.Add(CurvesCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        return root;
    }
}
