using DropoutLab.Layers;
using DropoutLab.Settings;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// One run of the course network; the defaults are the course's: hidden layers [20, 3], no dropout (keep-prob 1),
/// inverted scaling, fixed masks, 30000 iterations at η = 0.3, initialization seed 3 and mask seed 1, Bernoulli dropout
/// after ReLU, no batch normalization.
/// </summary>
public sealed record CourseSettings
{
    /// <summary>The most hidden layers a course network may have.</summary>
    public const int MaxHiddenLayers = 16;

    /// <summary>The widest hidden layer a course network may have.</summary>
    public const int MaxHiddenSize = 1024;

    /// <summary>Probability of keeping a hidden unit, in (0, 1], for every hidden layer without its own in <see cref="KeepProbs"/>.</summary>
    public double KeepProb { get; init; } = 1.0;

    /// <summary>
    /// Per-hidden-layer probabilities of keeping a unit, input side first, one per entry of <see cref="HiddenSizes"/>;
    /// null gives every layer <see cref="KeepProb"/>. A layer whose keep-prob is 1 has no dropout.
    /// </summary>
    public IReadOnlyList<double>? KeepProbs { get; init; }

    /// <summary>Widths of the hidden layers, input side first: the course's [20, 3] by default.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [20, 3];

    /// <summary>The dropout scaling rule.</summary>
    public DropoutScaling Scaling { get; init; } = DropoutScaling.Inverted;

    /// <summary>When masks are drawn.</summary>
    public MaskPolicy Masks { get; init; } = MaskPolicy.Fixed;

    /// <summary>
    /// The dropout variant of every hidden layer whose keep-prob is below 1: Bernoulli (the course's, the default),
    /// Gaussian (ε ~ N(1, (1 − keepProb)/keepProb), inverted scaling only), alpha (needs <see cref="Activation"/>
    /// SELU, inverted scaling only) or DropConnect (hidden layer l's keepProb masks the weights of the dense layer
    /// that reads it, M⊙W/keepProb, instead of its units; inverted scaling only). The course network builds only the
    /// variants <see cref="Supports"/> accepts.
    /// </summary>
    public DropoutVariant Dropout { get; init; } = DropoutVariant.Bernoulli;

    /// <summary>
    /// The hidden layers' activation: ReLU (the course's, the default) or SELU. The course's initialization
    /// Wₗ = randn/√nₗ₋₁ is already LeCun normal N(0, 1/fan_in), the one SELU's fixed point assumes.
    /// </summary>
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>
    /// Where each hidden layer has its batch normalization: none (the course's, the default), Dense → BatchNorm →
    /// activation → dropout, or Dense → activation → dropout → BatchNorm. Training is full-batch, so the batch
    /// statistics are over the whole training set; inference uses the running statistics (momentum 0.1).
    /// </summary>
    public BatchNormPlacement BatchNorm { get; init; } = BatchNormPlacement.None;

    /// <summary>L2 strength λ (0 = none).</summary>
    public double Lambd { get; init; }

    /// <summary>Gradient-descent iterations.</summary>
    public int Iterations { get; init; } = 30000;

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>Costs are recorded at iteration 0 and every this many iterations.</summary>
    public int RecordEvery { get; init; } = 1000;

    /// <summary>Seed of numpy's generator for the weights, Wₗ = randn(nₗ, nₗ₋₁)/√nₗ₋₁ (the course's 3).</summary>
    public uint InitSeed { get; init; } = 3;

    /// <summary>Seed of numpy's generator for the dropout masks (the course's 1).</summary>
    public uint MaskSeed { get; init; } = 1;

    /// <summary>The keep-prob of hidden layer <paramref name="layer"/> (0 = nearest the input).</summary>
    public double KeepProbOf(int layer) => KeepProbs is null ? KeepProb : KeepProbs[layer];

    /// <summary>Whether the course network can build <paramref name="variant"/>: Bernoulli, Gaussian, alpha and DropConnect.</summary>
    public static bool Supports(DropoutVariant variant) =>
        variant is DropoutVariant.Bernoulli or DropoutVariant.Gaussian or DropoutVariant.Alpha or DropoutVariant.DropConnect;

    /// <summary>Throws <see cref="SettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        SettingCheck.KeepProb(KeepProb, SettingNames.KeepProb);
        SettingCheck.Require(HiddenSizes is not null && HiddenSizes.Count >= 1 && HiddenSizes.Count <= MaxHiddenLayers, SettingNames.HiddenSizes, $"must list 1 to {MaxHiddenLayers} widths", HiddenSizes is null ? null : SettingCheck.Text(HiddenSizes));
        foreach (int size in HiddenSizes!)
        {
            SettingCheck.Require(size >= 1 && size <= MaxHiddenSize, SettingNames.HiddenSizes, $"must each be in [1, {MaxHiddenSize}]", SettingCheck.Text(size));
        }

        if (KeepProbs is not null)
        {
            SettingCheck.KeepProbs(KeepProbs, SettingNames.KeepProbs);
            SettingCheck.Require(KeepProbs.Count == HiddenSizes.Count, SettingNames.KeepProbs, $"must give one value per hidden layer ({HiddenSizes.Count})", SettingCheck.Text(KeepProbs), SettingNames.HiddenSizes);
        }

        SettingCheck.AtLeast(Iterations, 1, SettingNames.Iterations);
        SettingCheck.Positive(LearningRate, SettingNames.LearningRate);
        SettingCheck.NonNegative(Lambd, SettingNames.Lambd);
        SettingCheck.AtLeast(RecordEvery, 1, SettingNames.RecordEvery);
        SettingCheck.Require(Supports(Dropout), SettingNames.Dropout, "must be bernoulli, gaussian, alpha or dropconnect for the course network", Dropout.ToString().ToLowerInvariant());
        SettingCheck.Require(Enum.IsDefined(BatchNorm), SettingNames.BatchNorm, "must be none, before-dropout or after-dropout", BatchNorm.ToString().ToLowerInvariant());
        SettingCheck.Require(Enum.IsDefined(Activation), SettingNames.Activation, "must be relu or selu", Activation.ToString().ToLowerInvariant());
        SettingCheck.Require(
            Dropout != DropoutVariant.Alpha || Activation == HiddenActivation.Selu,
            SettingNames.Dropout,
            "alpha needs the selu activation (it keeps SELU's mean-0, variance-1 fixed point, which ReLU does not have)",
            "alpha with relu",
            SettingNames.Activation);
        SettingCheck.Require(
            Dropout == DropoutVariant.Bernoulli || Scaling == DropoutScaling.Inverted,
            SettingNames.Scaling,
            $"must be inverted with {Dropout.ToString().ToLowerInvariant()} dropout (its correction is built in)",
            Scaling.ToName(),
            SettingNames.Dropout);
    }
}
