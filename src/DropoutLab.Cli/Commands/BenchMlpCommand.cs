using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Formatting;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// <c>dropout-lab bench mlp</c>: full float32 training steps per second of a dropout MLP, and the model GFLOP/s
/// they imply. FLOPs per step = 2·B·Σₗ nₗ·nₗ₋₁ (forward) + 2·(2·B·Σₗ nₗ·nₗ₋₁) (backward: weight and input
/// gradients), the usual 6·B·(weights) convention; the first layer's input gradient is counted although neither
/// this engine nor PyTorch computes it, and biases, activations, dropout, softmax and the update are not counted.
/// </summary>
public static class BenchMlpCommand
{
    /// <summary>Learning rate of the timed SGD-with-momentum steps.</summary>
    public const double LearningRate = 0.01;

    /// <summary>Momentum μ of the timed steps.</summary>
    public const double MomentumCoefficient = 0.9;

    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var layers = CliOptions.IntegerList("--layers", [784, 1024, 1024, 10], "Widths from inputs to classes");
        var keepProbs = CliOptions.NumberList("--keep-probs", [0.8, 0.5, 0.5], "Keep probability of the inputs, then of each hidden layer");
        var batchSize = CliOptions.Integer("--batch-size", 128, "Examples per step");
        var steps = CliOptions.AtLeast("--steps", 1, 100, "Timed training steps");
        var warmup = CliOptions.AtLeast("--warmup", 0, 10, "Untimed steps first");
        var threads = CliOptions.Integer("--threads", 2, "Most threads, 0 = all processors");
        var seed = CliOptions.UInt32("--seed", 1, "Seed of the weights, inputs, labels and masks");
        var dropout = CliOptions.OneOf("--dropout", "bernoulli", "Dropout variant on the inputs and every hidden layer (as train's)", VariantNames.Dropouts);
        var activation = CliOptions.OneOf("--activation", "relu", "Hidden activation (alpha needs selu)", VariantNames.Activations);
        var batchNorm = CliOptions.OneOf("--batchnorm", "none", "Batch normalization in each hidden layer, before or after its dropout", VariantNames.BatchNorms);
        var maskShare = CliOptions.OneOf("--mask-share", "element", "One keep bit per element, or one per unit shared by the batch", VariantNames.MaskShares);
        var baseline = new Option<bool>("--baseline")
        {
            Description = "Also time steps of Bernoulli dropout with ReLU (the defaults, same layers and batch) in alternating rounds in the same process, and report the time ratio",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print {\"engine\", \"layers\", \"keepProbs\", \"dropout\", \"activation\", \"batchNorm\", \"maskShare\", \"batchSize\", \"threads\", \"warmup\", \"steps\", \"seconds\", \"stepsPerSecond\", \"flopsPerStep\", \"gflops\", \"lastLoss\"} (with --baseline also \"baselineStepsPerSecond\", \"timeRatio\", \"rounds\")",
        };
        var maxMemory = MemoryBudget.CreateOption();
        var command = new Command(
            "mlp",
            "Time full training steps (forward with dropout, softmax cross-entropy, backward, SGD momentum 0.9, lr 0.01, float32) "
            + "on one fixed batch of random inputs in [0, 1) and random labels. gflops = FLOPs per step × steps / seconds with "
            + "FLOPs per step = 6·B·Σₗ nₗ·nₗ₋₁: 2·B·Σ nₗ·nₗ₋₁ forward plus twice that backward (weight and input gradients; "
            + "the first layer's input gradient is counted though never computed; biases, ReLU, dropout, softmax and the update are not counted).")
        {
            layers, keepProbs, dropout, activation, batchNorm, maskShare, batchSize, steps, warmup, threads, seed, baseline, json, maxMemory,
        };
        command.SetAction(parsed =>
        {
            var settings = new MlpSettings
            {
                Layers = CliOptions.Integers(parsed, layers),
                KeepProbs = CliOptions.Numbers(parsed, keepProbs),
                Scaling = DropoutScaling.Inverted,
                Optimizer = OptimizerKind.Momentum,
                LearningRate = LearningRate,
                Momentum = MomentumCoefficient,
                BatchSize = parsed.GetValue(batchSize),
                Seed = parsed.GetValue(seed),
                Threads = parsed.GetValue(threads),
                Dropout = VariantNames.ParseDropout(parsed.GetValue(dropout)!),
                Activation = VariantNames.ParseActivation(parsed.GetValue(activation)!),
                BatchNorm = VariantNames.ParseBatchNorm(parsed.GetValue(batchNorm)!),
                MaskShare = VariantNames.ParseMaskShare(parsed.GetValue(maskShare)!),
            };
            settings.Validate();

            MemoryBudget.Check(
                parsed,
                maxMemory,
                MemoryEstimate.ForMlp(settings, sizeof(float), 0),
                string.Create(CultureInfo.InvariantCulture, $"timing a {string.Join('-', settings.Layers)} MLP (float32, batch {settings.BatchSize})"),
                io.Error);
            MlpBenchResult result;
            MlpBenchResult? bernoulli = null;
            if (parsed.GetValue(baseline))
            {
                MlpSettings defaults = settings with { Dropout = DropoutVariant.Bernoulli, Activation = HiddenActivation.Relu, BatchNorm = BatchNormPlacement.None, MaskShare = MaskSharing.Element };
                (result, MlpBenchResult baselineResult) = MeasureAgainst(settings, defaults, parsed.GetValue(warmup), parsed.GetValue(steps));
                bernoulli = baselineResult;
            }
            else
            {
                result = Measure(settings, parsed.GetValue(warmup), parsed.GetValue(steps));
            }

            io.Out.WriteLine(parsed.GetValue(json) ? ToJson(settings, result, bernoulli) : ToText(settings, result, bernoulli));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>FLOPs per step, 6·B·Σₗ nₗ·nₗ₋₁ (see the class summary for what is counted).</summary>
    public static double FlopsPerStep(IReadOnlyList<int> layers, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(layers);
        double weights = 0;
        for (int l = 1; l < layers.Count; l++)
        {
            weights += (double)layers[l] * layers[l - 1];
        }

        return 3 * 2.0 * batchSize * weights;
    }

    // Rounds of the --baseline comparison: the two networks alternate, so a load that comes and goes hits both.
    private const int BaselineRounds = 5;

    private static MlpBenchResult Measure(MlpSettings settings, int warmup, int steps)
    {
        var bench = new TimedSteps(settings);
        bench.Run(warmup);
        double seconds = bench.Run(steps);
        return new MlpBenchResult(warmup, steps, seconds, FlopsPerStep(settings.Layers, settings.BatchSize), bench.LastLoss);
    }

    // The variant and the baseline each take ⌈steps / rounds⌉ timed steps per round, alternately.
    private static (MlpBenchResult Variant, MlpBenchResult Baseline) MeasureAgainst(MlpSettings settings, MlpSettings baseline, int warmup, int steps)
    {
        var variant = new TimedSteps(settings);
        var reference = new TimedSteps(baseline);
        variant.Run(warmup);
        reference.Run(warmup);
        int perRound = (steps + BaselineRounds - 1) / BaselineRounds;
        double variantSeconds = 0, referenceSeconds = 0;
        for (int round = 0; round < BaselineRounds; round++)
        {
            variantSeconds += variant.Run(perRound);
            referenceSeconds += reference.Run(perRound);
        }

        double flops = FlopsPerStep(settings.Layers, settings.BatchSize);
        int timed = perRound * BaselineRounds;
        return (new MlpBenchResult(warmup, timed, variantSeconds, flops, variant.LastLoss), new MlpBenchResult(warmup, timed, referenceSeconds, flops, reference.LastLoss));
    }

    private static string ToJson(MlpSettings settings, MlpBenchResult result, MlpBenchResult? baseline) => JsonText.Build(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("engine", "dropout-lab");
        writer.WriteStartArray("layers");
        foreach (int width in settings.Layers)
        {
            writer.WriteNumberValue(width);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("keepProbs");
        foreach (double keep in settings.KeepProbs)
        {
            writer.WriteRealValue(keep);
        }

        writer.WriteEndArray();
        writer.WriteString("dropout", VariantNames.Name(settings.Dropout));
        writer.WriteString("activation", VariantNames.Name(settings.Activation));
        writer.WriteString("batchNorm", VariantNames.Name(settings.BatchNorm));
        writer.WriteString("maskShare", VariantNames.Name(settings.MaskShare));
        writer.WriteNumber("batchSize", settings.BatchSize);
        writer.WriteNumber("threads", settings.Threads);
        writer.WriteNumber("warmup", result.Warmup);
        writer.WriteNumber("steps", result.Steps);
        writer.WriteReal("seconds", result.Seconds);
        writer.WriteReal("stepsPerSecond", result.StepsPerSecond);
        writer.WriteReal("flopsPerStep", result.FlopsPerStep);
        writer.WriteReal("gflops", result.Gflops);
        writer.WriteReal("lastLoss", result.LastLoss);
        if (baseline is not null)
        {
            writer.WriteReal("baselineStepsPerSecond", baseline.StepsPerSecond);
            writer.WriteReal("timeRatio", result.Seconds / baseline.Seconds);
            writer.WriteNumber("rounds", BaselineRounds);
        }

        writer.WriteEndObject();
    });

    private static string ToText(MlpSettings settings, MlpBenchResult result, MlpBenchResult? baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"mlp {string.Join('-', settings.Layers)}{Variant(settings)}, batch {settings.BatchSize}, {Plural.Of(result.Steps, "step")} in {result.Seconds:F3} s: {result.StepsPerSecond:F1} steps/s, {result.Gflops:F1} GFLOP/s ({result.FlopsPerStep / 1e9:F3} GFLOP per step){(baseline is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {result.Seconds / baseline.Seconds:F2}× the time of a Bernoulli step ({baseline.StepsPerSecond:F1} steps/s, alternating in {BaselineRounds} rounds)"))}");

    // Nothing for the defaults, else " (gaussian dropout, selu, …)"
    private static string Variant(MlpSettings settings) =>
        VariantNames.Differences(settings.Dropout, settings.Activation, settings.BatchNorm, settings.MaskShare) is { Count: > 0 } parts
            ? " (" + string.Join(", ", parts) + ")"
            : string.Empty;
}
