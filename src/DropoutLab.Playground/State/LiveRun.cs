using DropoutLab.Experiments;
using DropoutLab.Layers;

namespace DropoutLab.Playground.State;

/// <summary>One network the page trains: its rule, the library's run and a probe that looks inside it.</summary>
public sealed class LiveRun
{
    /// <summary>Builds the run of <paramref name="settings"/> with <paramref name="scaling"/> on <paramref name="data"/>.</summary>
    public LiveRun(PlaygroundSettings settings, DropoutScaling scaling, CourseData data, string? csvName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        Scaling = scaling;
        Run = new CourseRun(settings.Course(scaling), data.Train, data.Test);
        Probe = new CourseProbe(Run);
        Command = CliCommand.For(settings, scaling, csvName);
    }

    /// <summary>The rule this copy trains with.</summary>
    public DropoutScaling Scaling { get; }

    /// <summary>The library's run.</summary>
    public CourseRun Run { get; }

    /// <summary>Looks at the run without changing it.</summary>
    public CourseProbe Probe { get; }

    /// <summary>The CLI command that trains the same network.</summary>
    public string Command { get; }

    /// <summary>The title the course table gives this rule.</summary>
    public string Title => Scaling switch
    {
        DropoutScaling.Inverted => "With scaling:",
        DropoutScaling.None => "Without scaling:",
        _ => "Scaling at inference:",
    };

    /// <summary>Short label for legends: the rule, or the variant when it is not Bernoulli.</summary>
    public string Label => Run.Settings.Dropout == Training.DropoutVariant.Bernoulli ? Scaling.ToName() : PlaygroundSettings.Name(Run.Settings.Dropout);
}
