using DropoutLab.Layers;
using DropoutLab.Settings;

namespace DropoutLab.Experiments;

/// <summary>One run of the course network; the defaults are the course's (keep-prob 1 means no dropout).</summary>
public sealed record CourseSettings
{
    /// <summary>Probability of keeping a hidden unit, in (0, 1].</summary>
    public double KeepProb { get; init; } = 1.0;

    /// <summary>The dropout scaling rule.</summary>
    public DropoutScaling Scaling { get; init; } = DropoutScaling.Inverted;

    /// <summary>When masks are drawn.</summary>
    public MaskPolicy Masks { get; init; } = MaskPolicy.Fixed;

    /// <summary>L2 strength λ (0 = none).</summary>
    public double Lambd { get; init; }

    /// <summary>Gradient-descent iterations.</summary>
    public int Iterations { get; init; } = 30000;

    /// <summary>Learning rate η.</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>Costs are recorded at iteration 0 and every this many iterations.</summary>
    public int RecordEvery { get; init; } = 1000;

    /// <summary>Throws <see cref="SettingException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        SettingCheck.KeepProb(KeepProb, SettingNames.KeepProb);
        SettingCheck.AtLeast(Iterations, 1, SettingNames.Iterations);
        SettingCheck.Positive(LearningRate, SettingNames.LearningRate);
        SettingCheck.NonNegative(Lambd, SettingNames.Lambd);
        SettingCheck.AtLeast(RecordEvery, 1, SettingNames.RecordEvery);
    }
}
