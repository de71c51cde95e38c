using System.CommandLine;
using DropoutLab.Cli.Output;
using DropoutLab.Cli.Plots;
using DropoutLab.Explain;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab explain</c>: why divide by keep_prob, in exact numbers checked by simulation.</summary>
public static class ExplainCommand
{
    /// <summary>Default size of the <c>--plot</c> figure.</summary>
    public static readonly PlotSize DefaultPlotSize = new(1000, 1000);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var defaults = new ExplainSettings();
        var keepProb = CliOptions.Number("--keep-prob", defaults.KeepProb, "Probability of keeping a unit, in (0, 1]");
        var activations = CliOptions.NumberList("--activations", defaults.Activations, "Activations a of the layer dropout acts on");
        var weights = CliOptions.NumberList("--weights", defaults.Weights, "Next-layer weights w, one per activation");
        var bias = CliOptions.Number("--bias", defaults.Bias, "Next-layer bias b");
        var rules = CliOptions.WordList("--rule", string.Join(',', ExplainRuleNames.Default.Select(rule => rule.ToName())), "Rules to compare (dropconnect too when named)", ExplainRuleNames.Names);
        var inputMean = CliOptions.Number("--input-mean", defaults.InputMean, "Mean c of the random input a ~ N(c, v) of \"what is kept unchanged\"");
        var inputVariance = CliOptions.Number("--input-variance", defaults.InputVariance, "Variance v ≥ 0 of the random input a ~ N(c, v)");
        var trials = CliOptions.Integer("--trials", defaults.Trials, "Monte-Carlo trials");
        var seed = CliOptions.UInt32("--seed", defaults.Seed, "Seed of the mask generator, 0 to 4294967295");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var plot = new Option<string?>("--plot") { Description = "Also save the histograms of z per rule to FILE.png or FILE.svg" };
        var plotSize = CliOptions.PlotSize(DefaultPlotSize);

        var command = new Command("explain", "Why divide by keep_prob? Mean and variance of every scaling rule, exact and simulated.")
        {
            keepProb, activations, weights, bias, rules, inputMean, inputVariance, trials, seed, json, plot, plotSize,
        };
        command.SetAction(parsed =>
        {
            string? plotPath = parsed.GetValue(plot);
            var settings = new ExplainSettings
            {
                KeepProb = parsed.GetValue(keepProb),
                Activations = CliOptions.Numbers(parsed, activations),
                Weights = CliOptions.Numbers(parsed, weights),
                Bias = parsed.GetValue(bias),
                Rules = [.. CliOptions.ParseWordList("--rule", parsed.GetValue(rules)!, ExplainRuleNames.Names).Select(ExplainRuleNames.Parse)],
                InputMean = parsed.GetValue(inputMean),
                InputVariance = parsed.GetValue(inputVariance),
                Trials = parsed.GetValue(trials),
                Seed = parsed.GetValue(seed),
                KeepSamples = plotPath is not null,
            };
            settings.Validate();
            if (plotPath is not null)
            {
                PlotWriter.CheckPath(plotPath, "--plot");
                new OutputGuard().Output("--plot", plotPath).Check();
            }

            ExplainResult result = ExplainExperiment.Run(settings);

            // The figure first: if it cannot be written, nothing has been printed.
            if (plotPath is not null)
            {
                PlotSize size = parsed.GetValue(plotSize);
                PlotWriter.Save(ExplainFigure.Build(result), plotPath, size.Width, size.Height);
            }

            if (parsed.GetValue(json))
            {
                io.Out.WriteLine(JsonText.Build(writer => ExplainJson.Write(writer, result)));
            }
            else
            {
                ExplainText.Write(io.Out, result);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
