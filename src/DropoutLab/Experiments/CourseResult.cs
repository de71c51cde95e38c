using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>The cost J at one iteration (before that iteration's update).</summary>
public readonly record struct CostPoint(int Iteration, double Cost);

/// <summary>What one course run produced.</summary>
public sealed record CourseResult(
    CourseSettings Settings,
    IReadOnlyList<CostPoint> Costs,
    double TrainAccuracy,
    double TestAccuracy,
    double TrainSeconds,
    Sequential<double> Network)
{
    /// <summary>Log-loss −mean[y·ln p + (1 − y)·ln(1 − p)] on the test set at inference (dropout at its inference rule).</summary>
    public double TestLogLoss { get; init; }
}
