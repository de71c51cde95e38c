using System.Globalization;

namespace DropoutLab.Training;

/// <summary>
/// Training stopped because a loss or a parameter became NaN or ±∞ (typically a learning rate too large for the
/// data). <see cref="Exception.Message"/> is one line saying where and what, e.g.
/// "training diverged at iteration 37: loss is NaN.", "training diverged at epoch 3, step 120: parameter W2 is
/// Infinity." or, in a sweep, "training diverged at iteration 5 of the run (depth 2, keep probability 0.8, scaling
/// inverted, seed 1): loss is NaN.".
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>A divergence without details.</summary>
    public TrainingDivergedException()
        : base("training diverged.")
    {
        Parameter = string.Empty;
        Run = string.Empty;
    }

    /// <summary>A divergence described by <paramref name="message"/>.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
        Parameter = string.Empty;
        Run = string.Empty;
    }

    /// <summary>A divergence described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = string.Empty;
        Run = string.Empty;
    }

    /// <summary>
    /// A divergence found after <paramref name="step"/> steps (1-based); with <paramref name="epoch"/> &gt; 0 the
    /// message names the epoch and the step within it (<paramref name="stepInEpoch"/>), otherwise the iteration.
    /// </summary>
    /// <param name="step">Steps run when the non-finite value was found, 1-based.</param>
    /// <param name="quantity">The loss or a parameter.</param>
    /// <param name="value">The non-finite value found (NaN, +∞ or −∞).</param>
    /// <param name="parameter">The parameter's name ("W2", "b1") when <paramref name="quantity"/> is a parameter.</param>
    /// <param name="learningRate">The run's learning rate η.</param>
    /// <param name="epoch">The 1-based epoch, or 0 for full-batch training counted in iterations.</param>
    /// <param name="stepInEpoch">The 1-based step within <paramref name="epoch"/>.</param>
    /// <param name="run">Which of several runs diverged, e.g. "depth 2, keep probability 0.8, scaling inverted, seed 1"; null for the only run.</param>
    public TrainingDivergedException(long step, DivergedQuantity quantity, double value, string? parameter, double learningRate, int epoch = 0, int stepInEpoch = 0, string? run = null)
        : base(Describe(step, quantity, value, parameter, epoch, stepInEpoch, run))
    {
        Run = run ?? string.Empty;
        Step = step;
        Quantity = quantity;
        Value = value;
        Parameter = parameter ?? string.Empty;
        LearningRate = learningRate;
        Epoch = epoch;
        StepInEpoch = stepInEpoch;
    }

    /// <summary>Steps run when the non-finite value was found, 1-based (the course's iteration i is step i + 1).</summary>
    public long Step { get; }

    /// <summary>The loss or a parameter.</summary>
    public DivergedQuantity Quantity { get; }

    /// <summary>The non-finite value found: NaN, +∞ or −∞.</summary>
    public double Value { get; }

    /// <summary>The parameter's name when <see cref="Quantity"/> is <see cref="DivergedQuantity.Parameter"/>, else empty.</summary>
    public string Parameter { get; }

    /// <summary>The run's learning rate η.</summary>
    public double LearningRate { get; }

    /// <summary>Which of several runs diverged (a sweep's configuration), or empty.</summary>
    public string Run { get; }

    /// <summary>The 1-based epoch, or 0 when training counts iterations.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based step within <see cref="Epoch"/>, or 0 when training counts iterations.</summary>
    public int StepInEpoch { get; }

    /// <summary>
    /// True when the loss of the very first step, computed from the initial parameters before any update, is not
    /// finite: the learning rate cannot be the cause, the data (huge or non-finite features) or the initial
    /// parameters are.
    /// </summary>
    public bool BeforeAnyUpdate => Step == 1 && Quantity == DivergedQuantity.Loss;

    /// <summary>
    /// This divergence located at <paramref name="epoch"/>, step <paramref name="stepInEpoch"/>, of a run whose
    /// (unscheduled) learning rate is <paramref name="learningRate"/>.
    /// </summary>
    public TrainingDivergedException InEpoch(int epoch, int stepInEpoch, double learningRate) =>
        new(Step, Quantity, Value, Parameter, learningRate, epoch, stepInEpoch, Run.Length > 0 ? Run : null);

    /// <summary>This divergence in the run described by <paramref name="run"/> (one of a sweep's configurations).</summary>
    public TrainingDivergedException InRun(string run) =>
        new(Step, Quantity, Value, Parameter, LearningRate, Epoch, StepInEpoch, run);

    // "NaN", "Infinity" or "-Infinity"
    private static string NameOf(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(long step, DivergedQuantity quantity, double value, string? parameter, int epoch, int stepInEpoch, string? run)
    {
        string where = epoch > 0
            ? string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}, step {stepInEpoch}")
            : string.Create(CultureInfo.InvariantCulture, $"iteration {step - 1}");
        string what = quantity == DivergedQuantity.Loss ? "loss" : $"parameter {parameter}";
        string of = string.IsNullOrEmpty(run) ? string.Empty : $" of the run {run}";
        return $"training diverged at {where}{of}: {what} is {NameOf(value)}.";
    }
}
