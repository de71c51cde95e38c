using DropoutLab.Settings;

namespace DropoutLab.Training;

/// <summary>
/// A dropout MLP for regression and how to train it: Dense layers with ReLU between them and a linear output,
/// inverted Bernoulli dropout on the inputs and on every hidden layer, mean squared error, Adam, L2 on the weights
/// (∇W += (λ/N)·W, N the training rows), Glorot-uniform weights and zero biases. The defaults are Keras's: Adam
/// η = 0.001, β = 0.9/0.999, ε = 10⁻⁷, batch 128.
/// </summary>
public sealed record RegressionSettings
{
    /// <summary>Widths from inputs to outputs, e.g. 13, 50, 1.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [1, 50, 1];

    /// <summary>Keep probability of the inputs, then of each hidden layer (1 − the dropout rate).</summary>
    public IReadOnlyList<double> KeepProbs { get; init; } = [0.95, 0.95];

    /// <summary>Passes over the training rows.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Examples per mini-batch; each epoch ends with a smaller batch of the N mod B rows left (as Keras does).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's learning rate η.</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>Adam's β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε.</summary>
    public double Epsilon { get; init; } = 1e-7;

    /// <summary>L2 strength λ: the gradient gains (λ/N)·W, i.e. the loss gains (λ/(2N))·Σw².</summary>
    public double Lambd { get; init; }

    /// <summary>The seed of the weights, the shuffles and the dropout masks.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Most threads a step may use (0 = all); the result does not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="SettingException">A setting is out of range; the exception names it and the value.</exception>
    public void Validate()
    {
        SettingCheck.Require(Layers is { Count: >= 2 }, SettingNames.Layers, "must list at least the inputs and the outputs", Layers is null ? null : string.Join(',', Layers));
        SettingCheck.AllAtLeast(Layers!, 1, SettingNames.Layers);
        SettingCheck.Require(KeepProbs is not null && KeepProbs.Count == Layers!.Count - 1, SettingNames.KeepProbs, $"must have {Layers!.Count - 1} values (the inputs, then each hidden layer)", KeepProbs is null ? null : string.Join(',', KeepProbs));
        SettingCheck.KeepProbs(KeepProbs!, SettingNames.KeepProbs);
        SettingCheck.AtLeast(Epochs, 1, SettingNames.Epochs);
        SettingCheck.AtLeast(BatchSize, 1, SettingNames.BatchSize);
        SettingCheck.Positive(LearningRate, SettingNames.LearningRate);
        SettingCheck.BelowOne(Beta1, SettingNames.Momentum);
        SettingCheck.BelowOne(Beta2, SettingNames.Momentum);
        SettingCheck.Positive(Epsilon, SettingNames.Epsilon);
        SettingCheck.NonNegative(Lambd, SettingNames.Lambd);
        SettingCheck.AtLeast(Threads, 0, SettingNames.Threads);
    }
}
