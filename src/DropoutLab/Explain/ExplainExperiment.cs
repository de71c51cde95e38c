using DropoutLab.Random;

namespace DropoutLab.Explain;

/// <summary>
/// "Why divide by keep_prob?" in numbers: for every rule, the exact training-time mean and variance of each unit's
/// output and of the next layer's z = w·y + b, their Monte-Carlo estimates with 95% intervals, and the values at
/// inference; and, for a random input a ~ N(c, v), which of the mean and the variance of y each rule keeps from
/// training to inference (<see cref="RandomInputMoments"/>).
/// </summary>
public static class ExplainExperiment
{
    /// <summary>
    /// Runs every rule of <see cref="ExplainSettings.Rules"/>. Each rule's masks come from a generator made by
    /// <paramref name="randomFactory"/> from the seed (by default numpy's MT19937), so all Bernoulli rules see the same
    /// masks; the random-input simulation of each rule starts from another generator made from the same seed.
    /// </summary>
    public static ExplainResult Run(ExplainSettings settings, Func<uint, IRandomSource>? randomFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        randomFactory ??= seed => new NumpyRandomState(seed);
        var reports = new List<RuleReport>();
        var kept = new List<KeptUnchangedReport>();
        foreach (ExplainRule rule in settings.Rules)
        {
            MomentSimulation simulation = MomentSimulation.Run(rule, settings, randomFactory(settings.Seed));
            reports.Add(Report(rule, settings, simulation));
            kept.Add(InputSimulation.Run(rule, settings, randomFactory(settings.Seed)));
        }

        return new ExplainResult(settings, reports) { KeptUnchanged = kept };
    }

    /// <summary>The analytic side of <paramref name="rule"/> next to a simulation's estimates.</summary>
    public static RuleReport Report(ExplainRule rule, ExplainSettings settings, MomentSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(simulation);
        double keepProb = settings.KeepProb;
        IReadOnlyList<double> a = settings.Activations;
        double[] mean = [.. a.Select(x => UnitMoments.TrainMean(rule, x, keepProb))];
        double[] variance = [.. a.Select(x => UnitMoments.TrainVariance(rule, x, keepProb))];
        double[] inference = [.. a.Select(x => UnitMoments.InferenceValue(rule, x, keepProb))];
        var units = new UnitStatistics(
            mean,
            variance,
            [.. simulation.Units.Select(u => u.Mean)],
            [.. simulation.Units.Select(u => u.Variance)],
            [.. simulation.Units.Select(u => u.Ci95)],
            inference);
        var next = new NextLayerStatistics(
            NextLayerMoments.Mean(settings.Weights, mean, settings.Bias),
            NextLayerMoments.Variance(settings.Weights, variance),
            simulation.Z.Mean,
            simulation.Z.Variance,
            simulation.Z.Ci95,
            NextLayerMoments.Mean(settings.Weights, inference, settings.Bias),
            simulation.Samples);
        return new RuleReport(rule, UnitMoments.Mismatch(rule, keepProb), units, next);
    }
}
