using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Settings;

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

    /// <summary>Throws <see cref="SettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        SettingCheck.Choices(Depths, SettingNames.Depths, SettingCheck.Text);
        SettingCheck.Choices(KeepProbs, SettingNames.KeepProbs, SettingCheck.Text);
        SettingCheck.Choices(Scalings, SettingNames.Scalings, scaling => scaling.ToName());
        SettingCheck.AllAtLeast(Depths, 1, SettingNames.Depths);
        SettingCheck.KeepProbs(KeepProbs, SettingNames.KeepProbs);
        foreach (DropoutScaling scaling in Scalings)
        {
            SettingCheck.Require(scaling is DropoutScaling.Inverted or DropoutScaling.None, SettingNames.Scalings, "must each be inverted or none", scaling.ToName());
        }

        SettingCheck.AtLeast(Width, 1, SettingNames.Width);
        MemoryEstimate.CheckStudySizes(Width);
        SettingCheck.AtLeast(Seeds, 1, SettingNames.Seeds);
        SettingCheck.AtLeast(Iterations, 1, SettingNames.Iterations);
        SettingCheck.AtLeast(ProbePasses, 1, SettingNames.ProbePasses);
        SettingCheck.Positive(LearningRate, SettingNames.LearningRate);
    }
}
