using DropoutLab.Layers;
using DropoutLab.Settings;

namespace DropoutLab.Training;

/// <summary>
/// An MLP with dropout (Bernoulli, Gaussian, alpha or DropConnect; ReLU or SELU; per-element or per-unit masks) and how to train it. <see cref="Layers"/> lists every layer's width from inputs to
/// classes; <see cref="KeepProbs"/> has one value for the inputs, then one per hidden layer (Srivastava et al.
/// use 0.8 and 0.5).
/// </summary>
public sealed record MlpSettings
{
    /// <summary>Widths from inputs to outputs, e.g. 784, 1024, 1024, 10.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [784, 1024, 1024, 10];

    /// <summary>Keep probability of the inputs, then of each hidden layer.</summary>
    public IReadOnlyList<double> KeepProbs { get; init; } = [0.8, 0.5, 0.5];

    /// <summary>The dropout scaling rule.</summary>
    public DropoutScaling Scaling { get; init; } = DropoutScaling.Inverted;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 5e-4;

    /// <summary>How the learning rate moves over the run (default: cosine annealing to 0 over all epochs).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Momentum μ (momentum optimizer only).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Max-norm bound c on each unit's incoming weights (0 = off).</summary>
    public double MaxNorm { get; init; }

    /// <summary>L2 strength λ: the gradient gains (λ/N)·W with N the training-set size, as in the course's formula.</summary>
    public double Lambd { get; init; }

    /// <summary>Examples per mini-batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>
    /// Initial weights are N(0, gain/fan_in): 1 is LeCun's initialization (the default: with 0.8 input dropout and
    /// 1024-wide layers it trained a little faster in the first Fashion-MNIST epoch here than He's 2).
    /// </summary>
    public double InitGain { get; init; } = 1.0;

    /// <summary>Map inputs to x′ = (x − mean)/std of the training values before the first layer (stored in the model).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>
    /// Batch normalization in each hidden layer, before or after its dropout (default none). With it every mini-batch
    /// needs at least 2 examples, and the run cannot yet be checkpointed (model files store it).
    /// </summary>
    public BatchNormPlacement BatchNorm { get; init; } = BatchNormPlacement.None;

    /// <summary>
    /// The dropout on the inputs and every hidden layer (default Bernoulli), or DropConnect on the weights of the dense
    /// layers after them. Gaussian, alpha and DropConnect take only the inverted scaling rule; alpha needs <see cref="Activation"/> SELU and LeCun's initialization (<see cref="InitGain"/> 1).
    /// </summary>
    public DropoutVariant Dropout { get; init; } = DropoutVariant.Bernoulli;

    /// <summary>The hidden layers' activation (default ReLU).</summary>
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>
    /// Per-element keep bits (default) or one bit (Gaussian: one ε) per unit shared by the whole batch, for the Bernoulli,
    /// Gaussian and alpha variants. DropConnect refuses <see cref="MaskSharing.Feature"/>: its one weight mask per
    /// mini-batch is already shared by every example. Feature-shared runs cannot be checkpointed yet.
    /// </summary>
    public MaskSharing MaskShare { get; init; } = MaskSharing.Element;

    /// <summary>Seed of the initialization, the shuffles and the dropout masks.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Most threads (0 = all processors); the result does not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="SettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Layers);
        ArgumentNullException.ThrowIfNull(KeepProbs);
        SettingCheck.Require(Layers.Count >= 2, SettingNames.Layers, "must list at least two widths (inputs and classes)", SettingCheck.Text(Layers));
        SettingCheck.AllAtLeast(Layers, 1, SettingNames.Layers);
        SettingCheck.Require(Layers[^1] >= 2, SettingNames.Layers, "must end with at least 2 classes (softmax cross-entropy)", SettingCheck.Text(Layers));
        SettingCheck.Require(
            KeepProbs.Count == Layers.Count - 1,
            SettingNames.KeepProbs,
            Layers.Count == 2
                ? "needs 1 value (the inputs; there are no hidden layers)"
                : $"needs {Plural.Of(Layers.Count - 1, "value")} (the inputs, then each of the {Plural.Of(Layers.Count - 2, "hidden layer")})",
            SettingCheck.Text(KeepProbs),
            SettingNames.Layers);
        SettingCheck.KeepProbs(KeepProbs, SettingNames.KeepProbs);
        SettingCheck.Positive(LearningRate, SettingNames.LearningRate);
        SettingCheck.BelowOne(Momentum, SettingNames.Momentum);
        SettingCheck.NonNegative(MaxNorm, SettingNames.MaxNorm, "0 turns it off");
        SettingCheck.NonNegative(Lambd, SettingNames.Lambd);
        SettingCheck.Positive(InitGain, SettingNames.InitGain);
        SettingCheck.AtLeast(BatchSize, 1, SettingNames.BatchSize);
        SettingCheck.Require(Enum.IsDefined(BatchNorm), SettingNames.BatchNorm, "must be none, before-dropout or after-dropout", BatchNorm.ToString());
        SettingCheck.Require(Enum.IsDefined(Dropout), SettingNames.Dropout, "must be bernoulli, gaussian, alpha or dropconnect", Dropout.ToString());
        SettingCheck.Require(Enum.IsDefined(Activation), SettingNames.Activation, "must be relu or selu", Activation.ToString());
        SettingCheck.Require(
            Dropout != DropoutVariant.Alpha || Activation == HiddenActivation.Selu,
            SettingNames.Dropout,
            "alpha needs the selu activation (it keeps SELU's mean-0, variance-1 fixed point, which ReLU does not have)",
            "alpha with relu",
            SettingNames.Activation);
        SettingCheck.Require(
            Dropout == DropoutVariant.Bernoulli || Scaling == DropoutScaling.Inverted,
            SettingNames.Scaling,
            Dropout == DropoutVariant.DropConnect
                ? "must be inverted with dropconnect (the mean weights are the inference rule)"
                : $"must be inverted with {Dropout.ToString().ToLowerInvariant()} dropout (its correction is built in)",
            Scaling.ToName(),
            SettingNames.Dropout);
        SettingCheck.Require(Enum.IsDefined(MaskShare), SettingNames.MaskShare, "must be element or feature", MaskShare.ToString());
        SettingCheck.Require(
            MaskShare == MaskSharing.Element || Dropout != DropoutVariant.DropConnect,
            SettingNames.MaskShare,
            "must be element with dropconnect (its one weight mask per mini-batch is already shared by every example)",
            "feature",
            SettingNames.Dropout);

        SettingCheck.Require(BatchNorm == BatchNormPlacement.None || BatchSize >= 2, SettingNames.BatchSize, "must be at least 2 with batch normalization (batch statistics need two examples)", SettingCheck.Text(BatchSize));
        MemoryEstimate.CheckMlpSizes(Layers, BatchSize);
        SettingCheck.AtLeast(Epochs, 1, SettingNames.Epochs);
        SettingCheck.AtLeast(Threads, 0, SettingNames.Threads);
    }
}
