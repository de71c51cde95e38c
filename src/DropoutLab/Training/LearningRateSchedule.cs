namespace DropoutLab.Training;

/// <summary>How the learning rate moves over a training run.</summary>
public enum LearningRateSchedule
{
    /// <summary>η every step.</summary>
    Constant,

    /// <summary>
    /// Cosine annealing without restarts (Loshchilov and Hutter 2017): at step t of T, ηₜ = η·½(1 + cos(π·t/T)),
    /// from η at the first step towards 0 at the last.
    /// </summary>
    Cosine,
}

/// <summary>Evaluates a <see cref="LearningRateSchedule"/>.</summary>
internal static class LearningRateSchedules
{
    /// <summary>
    /// ηₜ for step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>; cos(π·t/T) is the library's own
    /// (the same bits on every machine), not the C library's.
    /// </summary>
    public static double At(this LearningRateSchedule schedule, double learningRate, long step, long totalSteps) => schedule switch
    {
        LearningRateSchedule.Cosine when totalSteps > 0 => learningRate * 0.5 * (1 + Numerics.Functions.CosPi.Evaluate((double)step / totalSteps)),
        _ => learningRate,
    };
}
