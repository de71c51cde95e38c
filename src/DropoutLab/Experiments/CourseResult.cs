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
    Sequential<double> Network);
