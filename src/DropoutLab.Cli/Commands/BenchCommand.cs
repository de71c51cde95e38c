using System.CommandLine;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Formatting;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab bench</c>: throughput measurements that anyone can repeat beside a peer.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var command = new Command("bench", "Measure training and kernel speed (run a peer beside it in the same session).");
        command.Subcommands.Add(CreateCourse(io));
        command.Subcommands.Add(BenchMlpCommand.Create(io));
        command.Subcommands.Add(BenchDropoutCommand.Create(io));
        command.Subcommands.Add(BenchGemmCommand.Create(io));
        return command;
    }

    private static Command CreateCourse(CliOutput io)
    {
        var repeat = CliOptions.AtLeast("--repeat", 1, 7, "Timed runs after one warm-up run");
        var iterations = CliOptions.AtLeast("--iterations", 1, 30000, "Iterations per run");
        var json = new Option<bool>("--json") { Description = "Print {\"iterations\", \"runs\", \"seconds\": [...], \"medianSeconds\", \"minSeconds\"}" };
        var command = new Command("course", "Time the course run (keep_prob 0.86, inverted, fixed masks): training seconds per run.")
        {
            repeat, iterations, json,
        };
        command.SetAction(parsed =>
        {
            var settings = new CourseSettings { KeepProb = CourseTable.KeepProb, Iterations = parsed.GetValue(iterations) };
            Dataset train = FootballData.Train(), test = FootballData.Test();
            CourseExperiment.Run(settings, train, test);
            double[] seconds = [.. Enumerable.Range(0, parsed.GetValue(repeat)).Select(_ => CourseExperiment.Run(settings, train, test).TrainSeconds)];
            double[] sorted = [.. seconds.Order()];
            double median = sorted[sorted.Length / 2];
            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Build(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("iterations", settings.Iterations);
                    writer.WriteNumber("runs", seconds.Length);
                    writer.WriteStartArray("seconds");
                    foreach (double value in seconds)
                    {
                        writer.WriteRealValue(value);
                    }

                    writer.WriteEndArray();
                    writer.WriteReal("medianSeconds", median);
                    writer.WriteReal("minSeconds", sorted[0]);
                    writer.WriteEndObject();
                }));
            }
            else
            {
                io.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"course run, {Plural.Of(settings.Iterations, "iteration")}: median {median:F3} s, min {sorted[0]:F3} s over {Plural.Of(seconds.Length, "run")} ({settings.Iterations / median:F0} iterations/s)"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
