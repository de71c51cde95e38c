using System.Globalization;
using DropoutLab.Experiments;
using DropoutLab.Layers;

namespace DropoutLab.Study;

/// <summary>
/// The depth × keepProb × scaling sweep: one run per (depth, keepProb, training rule, seed index), each a ReLU
/// network with <c>depth</c> hidden layers of <see cref="Width"/> units and dropout after every hidden layer.
/// </summary>
public sealed record StudySettings
{
    /// <summary>Numbers of hidden layers to compare, each ≥ 1.</summary>
    public IReadOnlyList<int> Depths { get; init; } = [1, 2, 3, 4, 6];

    /// <summary>Units per hidden layer, ≥ 1.</summary>
    public int Width { get; init; } = 20;

    /// <summary>Probabilities of keeping a hidden unit, each in (0, 1].</summary>
    public IReadOnlyList<double> KeepProbs { get; init; } = [0.5, 0.8];

    /// <summary>Training rules: <see cref="DropoutScaling.Inverted"/> and/or <see cref="DropoutScaling.None"/>.</summary>
    public IReadOnlyList<DropoutScaling> Scalings { get; init; } = [DropoutScaling.Inverted, DropoutScaling.None];

    /// <summary>Seeds per configuration (seed indices 0 … Seeds − 1), ≥ 1.</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>Full-batch gradient-descent iterations, ≥ 1.</summary>
    public int Iterations { get; init; } = 15000;

    /// <summary>Learning rate η &gt; 0.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Fresh masks every iteration (real dropout) or one mask per layer reused throughout.</summary>
    public MaskPolicy Masks { get; init; } = MaskPolicy.Fresh;

    /// <summary>Dropout passes averaged for the training-time mean activation, ≥ 1.</summary>
    public int ProbePasses { get; init; } = 20;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        CheckList(Depths, "depths");
        CheckList(KeepProbs, "keepProbs");
        CheckList(Scalings, "scalings");
        foreach (int depth in Depths)
        {
            AtLeast(depth, 1, "depth");
        }

        foreach (double keepProb in KeepProbs)
        {
            DropoutLayer<double>.CheckKeepProb(keepProb);
        }

        foreach (DropoutScaling scaling in Scalings)
        {
            if (scaling is not (DropoutScaling.Inverted or DropoutScaling.None))
            {
                throw new ArgumentOutOfRangeException(nameof(Scalings), scaling, $"training rule must be inverted or none, but got {scaling.ToName()}.");
            }
        }

        AtLeast(Width, 1, "width");
        AtLeast(Seeds, 1, "seeds");
        AtLeast(Iterations, 1, "iterations");
        AtLeast(ProbePasses, 1, "probe passes");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, string.Create(CultureInfo.InvariantCulture, $"learning rate must be a positive finite number, but got {LearningRate}."));
        }
    }

    private static void CheckList<TItem>(IReadOnlyList<TItem> items, string name)
    {
        if (items is null || items.Count == 0)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must list at least one value.");
        }

        if (items.Distinct().Count() != items.Count)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} lists a value twice.");
        }
    }

    private static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}, but got {value}.");
        }
    }
}
