using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DropoutLab.Cli.Commands;

namespace DropoutLab.Cli;

/// <summary>
/// The <c>dropout-lab</c> command line. Usage errors exit 2 and data errors exit 1, each with one line on
/// standard error naming the flag, file, line or value; any other failure is a bug and exits 70 with one line
/// (see <see cref="CliErrors"/>); never a stack trace. Each flag may be given once (a repeated flag is a usage error,
/// never concatenated or overridden), except a flag documented as repeatable (<c>curves --run</c>). The CLI reads and
/// writes numbers in the invariant culture, whatever the machine's locale.
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
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var io = new CliOutput(output, error) { Interruption = interruption ?? new CliInterruption() };
            ParseResult parsed = buildRoot(io).Parse(args);
            if (RepeatedFlag(parsed) is { } repeated)
            {
                error.WriteLine($"dropout-lab: error: {repeated} is given more than once; give each flag once.");
                return ExitCodes.UsageError;
            }

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
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>
    /// The first flag of the chosen command that the command line gives twice (under any of its names), or null. A
    /// flag that takes several values one per occurrence (<c>curves --run</c>) may repeat.
    /// </summary>
    internal static string? RepeatedFlag(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var seen = new HashSet<Option>();
        Option[] options = [.. parsed.CommandResult.Command.Options];
        foreach (Token token in parsed.Tokens)
        {
            if (token.Type != TokenType.Option)
            {
                continue;
            }

            Option? option = Array.Find(options, o => o.Name == token.Value || o.Aliases.Contains(token.Value));
            if (option is null || option.Arity.MaximumNumberOfValues > 1)
            {
                continue;
            }

            if (!seen.Add(option))
            {
                return option.Name;
            }
        }

        return null;
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRoot(CliOutput io)
    {
        var root = new RootCommand(
            "DropoutLab: dropout made exact, visible and fast. Give each flag once (a repeated flag is refused; curves --run is the exception). "
            + "Numbers take a point for decimals (0.3, never 0,3) and no thousands separators; lists separate items with commas (--keep-probs 0.8,0.5).");
        root.Subcommands.Add(ReproduceCommand.Create(io));
        root.Subcommands.Add(CourseCommand.Create(io));
        root.Subcommands.Add(ExplainCommand.Create(io));
        root.Subcommands.Add(StudyCommand.Create(io));
        root.Subcommands.Add(TrainCommand.Create(io));
        root.Subcommands.Add(EvaluateCommand.Create(io));
        root.Subcommands.Add(PredictCommand.Create(io));
        root.Subcommands.Add(UciCommand.Create(io));
        root.Subcommands.Add(ExportCommand.Create(io));
        root.Subcommands.Add(CurvesCommand.Create(io));
        root.Subcommands.Add(BenchCommand.Create(io));
        root.Subcommands.Add(PlaygroundCommand.Create(io));
        return root;
    }
}
