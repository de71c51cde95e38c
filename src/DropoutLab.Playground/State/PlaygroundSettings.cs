using System.Globalization;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Training;

namespace DropoutLab.Playground.State;

/// <summary>
/// Every control of the page, as one value: what is trained (data, network, rules) and how the page runs it. The
/// URL query sets any of them (<see cref="PlaygroundQuery"/>); the defaults are the course's network and data with
/// keep-prob 0.86.
/// </summary>
public sealed record PlaygroundSettings
{
    /// <summary>The most hidden layers the page offers.</summary>
    public const int MaxDepth = 6;

    /// <summary>The widest hidden layer the page offers.</summary>
    public const int MaxWidth = 32;

    /// <summary>"football", a synthetic shape's name, or "csv" (the dropped file).</summary>
    public string Dataset { get; init; } = "football";

    /// <summary>Seed of the synthetic data.</summary>
    public uint DataSeed { get; init; }

    /// <summary>Hidden layer widths, input side first.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [20, 3];

    /// <summary>Keep-prob per hidden layer.</summary>
    public IReadOnlyList<double> KeepProbs { get; init; } = [0.86, 0.86];

    /// <summary>The rule trained (and, in compare mode, the left-hand run).</summary>
    public DropoutScaling Scaling { get; init; } = DropoutScaling.Inverted;

    /// <summary>
    /// The dropout variant (Bernoulli, the course's, by default). Gaussian, alpha and DropConnect train with inverted
    /// scaling only and without compare mode (which compares scaling rules); alpha needs SELU (<see cref="WithDropout"/>).
    /// </summary>
    public DropoutVariant Dropout { get; init; } = DropoutVariant.Bernoulli;

    /// <summary>The hidden activation (ReLU, the course's, by default).</summary>
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>Where each hidden layer has its batch normalization (none, the course's, by default).</summary>
    public BatchNormPlacement BatchNorm { get; init; } = BatchNormPlacement.None;

    /// <summary>Whether the scaling rule and compare mode can be chosen: only with Bernoulli dropout.</summary>
    public bool ScalingChoosable => Dropout == DropoutVariant.Bernoulli;

    /// <summary>Compare mode: train a second copy with <see cref="Versus"/>, same masks and initialization.</summary>
    public bool Compare { get; init; }

    /// <summary>The second rule of compare mode.</summary>
    public DropoutScaling Versus { get; init; } = DropoutScaling.None;

    /// <summary>Fixed (the course's reseeding) or fresh masks.</summary>
    public MaskPolicy Masks { get; init; } = MaskPolicy.Fixed;

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>L2 strength λ.</summary>
    public double Lambd { get; init; }

    /// <summary>Gradient-descent iterations.</summary>
    public int Iterations { get; init; } = 30000;

    /// <summary>Seed of the weight initialization.</summary>
    public uint InitSeed { get; init; } = 3;

    /// <summary>Seed of the dropout masks.</summary>
    public uint MaskSeed { get; init; } = 1;

    /// <summary>Iterations per frame; 0 runs as many as fit in a frame's time budget.</summary>
    public int Speed { get; init; }

    /// <summary>Shade the plane by the Monte-Carlo predictive standard deviation.</summary>
    public bool MonteCarlo { get; init; }

    /// <summary>Passes of the Monte-Carlo shading.</summary>
    public int MonteCarloPasses { get; init; } = 20;

    /// <summary>The hidden layer whose next-layer z the histogram shows.</summary>
    public int ExplainLayer { get; init; }

    /// <summary>Start training as soon as the page has loaded.</summary>
    public bool Autorun { get; init; }

    /// <summary>The course's table: keep 0.86, inverted then none, fixed masks, 30000 iterations.</summary>
    public static PlaygroundSettings SeedTable { get; } = new() { Compare = true };

    /// <summary>Costs are printed in the table every this many iterations (the course prints every 10000).</summary>
    public int PrintEvery => Iterations >= 20000 ? 10000 : Iterations >= 2000 ? 1000 : 100;

    /// <summary>The rules trained: one, or two in compare mode.</summary>
    public IReadOnlyList<DropoutScaling> Rules => Compare && ScalingChoosable ? [Scaling, Versus] : [Scaling];

    /// <summary>The library settings of the run with <paramref name="scaling"/>; costs every 100 iterations for the live curve.</summary>
    public CourseSettings Course(DropoutScaling scaling) => new()
    {
        HiddenSizes = Hidden,
        KeepProbs = KeepProbs,
        KeepProb = KeepProbs.Count > 0 && KeepProbs.All(k => k == KeepProbs[0]) ? KeepProbs[0] : 1.0,
        Scaling = scaling,
        Masks = Masks,
        Dropout = Dropout,
        Activation = Activation,
        BatchNorm = BatchNorm,
        Lambd = Lambd,
        Iterations = Iterations,
        LearningRate = LearningRate,
        RecordEvery = 100,
        InitSeed = InitSeed,
        MaskSeed = MaskSeed,
    };

    /// <summary>
    /// These settings with <paramref name="dropout"/>: Gaussian, alpha and DropConnect switch the scaling to inverted
    /// and compare mode off (their correction is built in); alpha also switches the activation to SELU.
    /// </summary>
    public PlaygroundSettings WithDropout(DropoutVariant dropout) => dropout == DropoutVariant.Bernoulli
        ? this with { Dropout = dropout }
        : this with
        {
            Dropout = dropout,
            Scaling = DropoutScaling.Inverted,
            Compare = false,
            Activation = dropout == DropoutVariant.Alpha ? HiddenActivation.Selu : Activation,
        };

    /// <summary>The name the URL and the CLI give <paramref name="dropout"/>: bernoulli, gaussian, alpha or dropconnect.</summary>
    public static string Name(DropoutVariant dropout) => dropout.ToString().ToLowerInvariant();

    /// <summary>The name the URL and the CLI give <paramref name="activation"/>: relu or selu.</summary>
    public static string Name(HiddenActivation activation) => activation.ToString().ToLowerInvariant();

    /// <summary>The name the URL and the CLI give <paramref name="batchNorm"/>: none, before-dropout or after-dropout.</summary>
    public static string Name(BatchNormPlacement batchNorm) => batchNorm switch
    {
        BatchNormPlacement.BeforeDropout => "before-dropout",
        BatchNormPlacement.AfterDropout => "after-dropout",
        _ => "none",
    };

    /// <summary>The variants the page offers.</summary>
    public static IReadOnlyList<DropoutVariant> Dropouts { get; } = [DropoutVariant.Bernoulli, DropoutVariant.Gaussian, DropoutVariant.Alpha, DropoutVariant.DropConnect];

    /// <summary>The batch-normalization placements the page offers.</summary>
    public static IReadOnlyList<BatchNormPlacement> BatchNorms { get; } = [BatchNormPlacement.None, BatchNormPlacement.BeforeDropout, BatchNormPlacement.AfterDropout];

    /// <summary>The activations the page offers.</summary>
    public static IReadOnlyList<HiddenActivation> Activations { get; } = [HiddenActivation.Relu, HiddenActivation.Selu];

    /// <summary>These settings with <paramref name="depth"/> hidden layers, the new ones copying the last.</summary>
    public PlaygroundSettings WithDepth(int depth)
    {
        depth = Math.Clamp(depth, 1, MaxDepth);
        int[] hidden = new int[depth];
        double[] keepProbs = new double[depth];
        for (int l = 0; l < depth; l++)
        {
            hidden[l] = Hidden[Math.Min(l, Hidden.Count - 1)];
            keepProbs[l] = KeepProbs[Math.Min(l, KeepProbs.Count - 1)];
        }

        return this with { Hidden = hidden, KeepProbs = keepProbs, ExplainLayer = Math.Min(ExplainLayer, depth - 1) };
    }

    /// <summary>These settings with hidden layer <paramref name="layer"/> <paramref name="width"/> wide.</summary>
    public PlaygroundSettings WithWidth(int layer, int width)
    {
        int[] hidden = [.. Hidden];
        hidden[layer] = Math.Clamp(width, 1, MaxWidth);
        return this with { Hidden = hidden };
    }

    /// <summary>These settings with hidden layer <paramref name="layer"/>'s keep-prob set.</summary>
    public PlaygroundSettings WithKeepProb(int layer, double keepProb)
    {
        double[] keepProbs = [.. KeepProbs];
        keepProbs[layer] = keepProb;
        return this with { KeepProbs = keepProbs };
    }

    /// <summary>A number as the CLI and the URL spell it: shortest round-trip, invariant culture.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
