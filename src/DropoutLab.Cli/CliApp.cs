using System.CommandLine;
using DropoutLab.Cli.Commands;
using DropoutLab.Data;

namespace DropoutLab.Cli;

/// <summary>
/// The <c>dropout-lab</c> command line. Usage errors exit 2 and data errors exit 1, each with one line on
/// standard error naming the flag, file, line or value; never a stack trace.
/// </summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var io = new CliOutput(output, error);
        RootCommand root = BuildRoot(io);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // "Unrecognized command or argument 'x'" says more than "Required command was not provided".
            string message = parsed.Errors.Select(e => e.Message).OrderBy(m => m.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First();
            error.WriteLine($"dropout-lab: error: {message}");
            return ExitCodes.UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            error.WriteLine($"dropout-lab: error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            error.WriteLine($"dropout-lab: error: {FirstLine(ex.Message)}");
            return ExitCodes.UsageError;
        }
        catch (DataFormatException ex)
        {
            error.WriteLine($"dropout-lab: error: {ex.Message}");
            return ExitCodes.DataError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dropout-lab: error: {ex.Message}");
            return ExitCodes.DataError;
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

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        string line = newline < 0 ? message : message[..newline];
        int parameter = line.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (parameter < 0 ? line : line[..parameter]).Trim();
    }
}
