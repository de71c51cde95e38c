using System.Globalization;
using DropoutLab.Training;
using Spectre.Console;

namespace DropoutLab.Cli.Output;

/// <summary>
/// Shows training progress on standard error: a Spectre.Console bar per epoch on a terminal, one plain line per
/// epoch when standard error is redirected. Standard output stays free for results and JSON.
/// </summary>
public static class TrainingProgressView
{
    /// <summary>Runs <paramref name="train"/>, feeding its progress callback to the display.</summary>
    public static TResult Run<TResult>(CliOutput io, MlpSettings settings, int stepsPerEpoch, Func<Action<TrainingProgress>, TResult> train)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(train);
        bool interactive = ReferenceEquals(io.Error, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return train(progress =>
            {
                if (progress.Step == progress.StepsPerEpoch && ReferenceEquals(io.Error, Console.Error))
                {
                    io.Error.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"epoch {progress.Epoch}/{settings.Epochs}: train loss {progress.MeanLoss:F4}, train accuracy {progress.Accuracy:F4}"));
                }
            });
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Error) });
        TResult result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = new ProgressTask[settings.Epochs];
                result = train(progress =>
                {
                    ProgressTask task = tasks[progress.Epoch - 1] ??= context.AddTask($"epoch {progress.Epoch}/{settings.Epochs}", maxValue: stepsPerEpoch);
                    task.Value = progress.Step;
                    if (progress.Step % 10 == 0 || progress.Step == progress.StepsPerEpoch)
                    {
                        task.Description = string.Create(
                            CultureInfo.InvariantCulture,
                            $"epoch {progress.Epoch}/{settings.Epochs} loss {progress.MeanLoss:F3} acc {progress.Accuracy:F3}");
                    }
                });
            });
        return result;
    }
}
