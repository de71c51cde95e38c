using DropoutLab.Data;
using DropoutLab.Layers;

namespace DropoutLab.Experiments;

/// <summary>
/// The experiment learners share: the course network at keep_prob 0.86, learning rate 0.3, 30000 iterations,
/// trained once with inverted scaling and once without any scaling.
/// </summary>
public static class CourseTable
{
    /// <summary>keep_prob of the shared experiment.</summary>
    public const double KeepProb = 0.86;

    /// <summary>The two runs' settings: inverted, then none.</summary>
    public static IReadOnlyList<CourseSettings> Settings(MaskPolicy masks) =>
    [
        new CourseSettings { KeepProb = KeepProb, Scaling = DropoutScaling.Inverted, Masks = masks },
        new CourseSettings { KeepProb = KeepProb, Scaling = DropoutScaling.None, Masks = masks },
    ];

    /// <summary>Runs both on the embedded football data.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before a step.</exception>
    public static IReadOnlyList<CourseResult> Run(MaskPolicy masks, CancellationToken cancellation = default)
    {
        Dataset train = FootballData.Train();
        Dataset test = FootballData.Test();
        return [.. Settings(masks).Select(settings => CourseExperiment.Run(settings, train, test, cancellation: cancellation))];
    }
}
