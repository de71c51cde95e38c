using System.CommandLine;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Cli.Plots;
using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Layers;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab reproduce</c>: the course table, with and without scaling.</summary>
public static class ReproduceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var masks = CliOptions.OneOf("--masks", "fixed", "Mask policy: fixed reseeds every pass as the course code does, fresh draws new masks", "fixed", "fresh");
        var json = new Option<bool>("--json") { Description = "Print {\"runs\": [inverted, none]} as JSON instead of text" };
        var plots = new Option<string?>("--plots") { Description = "Also write each run's cost curve and decision boundary as PNG and SVG into this existing folder" };
        var plotSize = CliOptions.PlotSize(CoursePlots.DefaultSize);
        var command = new Command("reproduce", "Reproduce the course table: keep_prob 0.86 with inverted scaling and without scaling.")
        {
            masks, json, plots, plotSize,
        };
        command.SetAction(parsed =>
        {
            MaskPolicy policy = CourseJson.ParseMasks(parsed.GetValue(masks)!);
            string? plotFolder = parsed.GetValue(plots);
            Dataset train = FootballData.Train();
            if (plotFolder is not null)
            {
                CoursePlots.Check(plotFolder, train);
                new OutputGuard()
                    .OutputFolder("--plots", plotFolder, [.. CoursePlots.FileNames("-inverted"), .. CoursePlots.FileNames("-none")])
                    .Check();
            }

            IReadOnlyList<CourseResult> runs;
            try
            {
                runs = CourseTable.Run(policy, io.Interruption.Honour());
            }
            catch (OperationCanceledException ex) when (io.Interruption.IsRequested)
            {
                // Plots and tables are written only after both runs, so nothing is on disk yet.
                throw new InterruptedRunException("interrupted before the course runs finished; nothing written", io.Interruption.ExitCode, ex);
            }

            var written = new List<string>();
            if (plotFolder is not null)
            {
                foreach (CourseResult run in runs)
                {
                    written.AddRange(CoursePlots.Write(plotFolder, "-" + run.Settings.Scaling.ToName(), run, train, parsed.GetValue(plotSize)));
                }
            }

            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Build(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("runs");
                    foreach (CourseResult run in runs)
                    {
                        CourseJson.Write(writer, run);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
                return ExitCodes.Success;
            }

            WriteTable(io.Out, runs);
            WriteReading(io.Out, runs, policy);
            CourseText.WritePlots(io.Out, written);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<CourseResult> runs)
    {
        string[] titles = ["With scaling:", "Without scaling:"];
        for (int r = 0; r < runs.Count; r++)
        {
            output.WriteLine(titles[r]);
            output.WriteLine("-------------");
            CourseText.WriteRun(output, runs[r], 10000);
        }
    }

    private static void WriteReading(TextWriter output, IReadOnlyList<CourseResult> runs, MaskPolicy policy)
    {
        CourseResult scaled = runs[0], unscaled = runs[1];
        string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
        output.WriteLine();
        output.WriteLine("Reading the result:");
        output.WriteLine(
            $"- Training cost at iteration {scaled.Costs[^1].Iteration}: {F(scaled.Costs[^1].Cost)} with scaling, {F(unscaled.Costs[^1].Cost)} without. " +
            $"Test accuracy: {F(scaled.TestAccuracy)} and {F(unscaled.TestAccuracy)}.");
        output.WriteLine(
            $"- Without scaling, a hidden unit a outputs {F(CourseTable.KeepProb)}·a on average while training but a at test time: " +
            $"the next layer sees 1/{F(CourseTable.KeepProb)} = {F(1 / CourseTable.KeepProb)} times its training-time input. " +
            "Inverted dropout divides by keep_prob during training so both are a.");
        output.WriteLine(
            "- Accuracy hardly moves because this small ReLU network mostly rescales its logit, which keeps its sign; " +
            "log-loss and calibration do notice (see 'dropout-lab explain' and 'dropout-lab study').");
        output.WriteLine(policy == MaskPolicy.Fixed
            ? "- Masks 'fixed': like the course code, the generator is reseeded with 1 before every forward pass, so every " +
              "iteration drops the same units. That trains one thinned network, not an ensemble; run with --masks fresh for real dropout."
            : "- Masks 'fresh': new masks every iteration (real dropout), unlike the course code, which reseeds and reuses one mask.");
    }
}
