using System.CommandLine;
using System.Text.Json;
using DropoutLab.Cli.Plots;
using DropoutLab.Data;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab curves</c>: plots the learning curves of several <c>train --json</c> outputs side by side.</summary>
public static class CurvesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var runs = new Option<string[]>("--run")
        {
            Description = "LABEL=FILE.json: a label and the output of 'train --json' (repeat for each run)",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out") { Description = "The figure, FILE.png or FILE.svg", Required = true };
        var command = new Command("curves", "Plot test accuracy and test log-loss per epoch of several 'train --json' runs.") { runs, output };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(output)!;
            PlotWriter.CheckPath(path, "--out");
            string[] specs = parsed.GetValue(runs)!;
            var guard = new OutputGuard().Output("--out", path);
            foreach (string spec in specs)
            {
                guard.Input("--run", spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            }

            guard.Check();
            LearningCurve[] curves = [.. specs.Select(Read)];
            PlotWriter.Save(LearningCurvesPlot.Build(curves), path, 900, 800);
            io.Out.WriteLine($"wrote {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static LearningCurve Read(string spec)
    {
        int equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == spec.Length - 1)
        {
            throw new UsageException($"--run '{spec}' must look like LABEL=FILE.json.");
        }

        string label = spec[..equals], file = spec[(equals + 1)..];
        if (Directory.Exists(file))
        {
            throw new DataFormatException("is a directory; expected the output of 'dropout-lab train --json'.", file);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file));
            JsonElement[] epochs = [.. document.RootElement.GetProperty("epochs").EnumerateArray()];
            return new LearningCurve(
                label,
                [.. epochs.Select(e => (double)e.GetProperty("epoch").GetInt32())],
                [.. epochs.Select(e => e.GetProperty("testAccuracy").GetDouble())],
                [.. epochs.Select(e => e.GetProperty("testLoss").GetDouble())]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot read the file ({ex.Message.TrimEnd('.')}).", file);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DataFormatException("not the output of 'dropout-lab train --json' (needs epochs[].epoch, testAccuracy, testLoss).", file);
        }
    }
}
