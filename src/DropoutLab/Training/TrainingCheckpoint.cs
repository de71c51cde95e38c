using System.Globalization;
using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Optimizers;
using DropoutLab.Random;

namespace DropoutLab.Training;

/// <summary>
/// Everything a run of <see cref="MlpTrainer{T}"/> needs to continue after epoch <see cref="Epoch"/> exactly as if
/// it had never stopped: the settings and data shape it was made with (a resume must match them), the parameters, the
/// optimizer's state, the shuffled order and the shuffle generator, the mask clock's step, the learning-rate
/// schedule's position (optimizer steps taken) and the epoch reports so far.
/// </summary>
internal sealed record TrainingCheckpoint<T>(
    MlpSettings Settings,
    int TrainCount,
    int FeatureCount,
    int ClassCount,
    int Epoch,
    long ScheduleStep,
    ulong MaskStep,
    int[] Order,
    uint[] ShuffleWords,
    int ShufflePosition,
    bool ShuffleHasGaussian,
    double ShuffleGaussian,
    OptimizerState<T> Optimizer,
    IReadOnlyList<EpochReport> Reports,
    double TrainSeconds,
    InputStandardization Standardization,
    T[][] Parameters)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The state of a run of <paramref name="settings"/> on <paramref name="train"/> after <paramref name="epoch"/> epochs (all arrays copied).</summary>
    /// <exception cref="NotSupportedException">The model has batch normalization, which checkpoints do not store yet.</exception>
    public static TrainingCheckpoint<T> Capture(
        MlpSettings settings, LabeledData train, int epoch, long scheduleStep, MlpNetwork<T> model, IOptimizer<T> optimizer, int[] order, NumpyRandomState shuffle, IReadOnlyList<EpochReport> reports, double trainSeconds)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(shuffle);
        if (model.BatchNorm != BatchNormPlacement.None)
        {
            throw new NotSupportedException("checkpoints do not store batch normalization (γ, β and running statistics) yet.");
        }

        (uint[] words, int position, bool hasGaussian, double gaussian) = shuffle.Capture();
        return new TrainingCheckpoint<T>(
            settings, train.Count, train.FeatureCount, train.ClassCount, epoch, scheduleStep, model.Clock.Step, (int[])order.Clone(), words, position, hasGaussian, gaussian,
            Resumable(optimizer).Capture(), [.. reports], trainSeconds, model.Standardization, [.. model.Network.Parameters.Select(p => (T[])p.Value.Data.Clone())]);
    }

    /// <summary>Puts this state into a freshly built run: parameters, standardization, mask clock, optimizer, order and shuffle generator.</summary>
    /// <exception cref="DataFormatException">The stored parameters or order do not fit the run.</exception>
    public void RestoreInto(MlpNetwork<T> model, IOptimizer<T> optimizer, int[] order, NumpyRandomState shuffle, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(shuffle);
        IReadOnlyList<Layers.Parameter<T>> parameters = model.Network.Parameters;
        if (parameters.Count != Parameters.Length || Order.Length != order.Length || Enumerable.Range(0, parameters.Count).Any(i => parameters[i].Value.Data.Length != Parameters[i].Length))
        {
            throw new DataFormatException("cannot resume: the checkpoint's parameters or example order do not fit the network.", path);
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            Parameters[i].CopyTo(parameters[i].Value.Data, 0);
        }

        model.Standardization = Standardization;
        model.Clock.Step = MaskStep;
        Order.CopyTo(order, 0);
        shuffle.Restore(ShuffleWords, ShufflePosition, ShuffleHasGaussian, ShuffleGaussian);
        try
        {
            Resumable(optimizer).Restore(Optimizer);
        }
        catch (ArgumentException ex)
        {
            throw new DataFormatException($"cannot resume: {ex.Message}", path);
        }
    }

    /// <summary>
    /// Throws when this checkpoint cannot continue a run of <paramref name="settings"/> on <paramref name="train"/>,
    /// naming the first setting that differs (thread counts may differ: results do not depend on them).
    /// </summary>
    /// <exception cref="DataFormatException">A setting or the data's shape differs from the checkpoint's.</exception>
    public void RequireResumable(MlpSettings settings, LabeledData train, string path)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(train);
        MlpSettings c = Settings;
        Same("layers", List(c.Layers), List(settings.Layers));
        Same("keep probabilities", List(c.KeepProbs), List(settings.KeepProbs));
        Same("training examples × features × classes", $"{TrainCount} × {FeatureCount} × {ClassCount}", $"{train.Count} × {train.FeatureCount} × {train.ClassCount}");
        Same("scaling", c.Scaling.ToString(), settings.Scaling.ToString());
        Same("optimizer", c.Optimizer.ToString(), settings.Optimizer.ToString());
        Same("seed", Text(c.Seed), Text(settings.Seed));
        Same("learning rate", Text(c.LearningRate), Text(settings.LearningRate));
        Same("schedule", c.Schedule.ToString(), settings.Schedule.ToString());
        Same("momentum", Text(c.Momentum), Text(settings.Momentum));
        Same("max-norm", Text(c.MaxNorm), Text(settings.MaxNorm));
        Same("L2 strength", Text(c.Lambd), Text(settings.Lambd));
        Same("batch size", Text(c.BatchSize), Text(settings.BatchSize));
        Same("epochs", Text(c.Epochs), Text(settings.Epochs));
        Same("initial-weight gain", Text(c.InitGain), Text(settings.InitGain));
        Same("input standardization", c.Standardize ? "on" : "off", settings.Standardize ? "on" : "off");

        void Same(string what, string saved, string asked)
        {
            if (saved != asked)
            {
                throw new DataFormatException($"cannot resume: the checkpoint was made with {what} {saved}, but this run has {asked}.", path);
            }
        }
    }

    private static IResumableOptimizer<T> Resumable(IOptimizer<T> optimizer) =>
        optimizer as IResumableOptimizer<T> ?? throw new InvalidOperationException($"{optimizer?.GetType().Name} cannot be checkpointed.");

    private static string List<TValue>(IEnumerable<TValue> values)
        where TValue : IFormattable => string.Join(',', values.Select(v => v.ToString(null, CultureInfo.InvariantCulture)));

    private static string Text<TValue>(TValue value)
        where TValue : IFormattable => value.ToString(value is double ? "R" : null, CultureInfo.InvariantCulture);
}
