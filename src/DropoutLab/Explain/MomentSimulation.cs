using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Explain;

/// <summary>
/// Monte-Carlo estimate of the training-time moments: every trial passes the activations (one column, n × 1)
/// through the library's own <see cref="Dropout{T}"/> layer in training mode and computes z = w·y + b. The masks
/// are therefore numpy's <c>rand(trials, n) &lt; keep_prob</c>, row t for trial t. No dropout is the identity.
/// Gaussian and alpha dropout, which no Bernoulli layer implements, draw per unit in the same order
/// (<see cref="RuleNoise"/>): alpha sees the same masks as the other rules, gaussian two uniforms per unit.
/// </summary>
public sealed class MomentSimulation
{
    private readonly RunningMoments[] _units;
    private readonly RunningMoments _z = new();
    private readonly List<double> _samples = [];

    private MomentSimulation(int units) => _units = [.. Enumerable.Range(0, units).Select(_ => new RunningMoments())];

    /// <summary>The moments of each unit's output y.</summary>
    public IReadOnlyList<RunningMoments> Units => _units;

    /// <summary>The moments of z.</summary>
    public RunningMoments Z => _z;

    /// <summary>Every trial's z, when kept.</summary>
    public IReadOnlyList<double> Samples => _samples;

    /// <summary>Runs <see cref="ExplainSettings.Trials"/> trials of <paramref name="rule"/>, drawing masks from <paramref name="random"/>.</summary>
    public static MomentSimulation Run(ExplainRule rule, ExplainSettings settings, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        settings.Validate();
        int n = settings.Activations.Count;
        var simulation = new MomentSimulation(n);
        DropoutScaling? scaling = rule.ToScaling();
        Dropout<double>? dropout = scaling is { } s ? new Dropout<double>(settings.KeepProb, s, new NumpyStreamMasks(random)) : null;
        var input = new Matrix<double>(n, 1, [.. settings.Activations]);
        double[] weights = [.. settings.Weights];
        if (settings.KeepSamples)
        {
            simulation._samples.Capacity = settings.Trials;
        }

        for (int t = 0; t < settings.Trials; t++)
        {
            // y = dropout(a) in training mode (a itself without dropout, a·ε or A·x′ + B per unit); z = Σᵢ wᵢ·yᵢ + b
            double[] y = dropout is not null ? dropout.Forward(input, Mode.Train).Data
                : rule is ExplainRule.NoDropout ? input.Data
                : Noisy(rule, input.Data, settings.KeepProb, random);
            double z = 0.0;
            for (int i = 0; i < n; i++)
            {
                simulation._units[i].Add(y[i]);
                z += weights[i] * y[i];
            }

            z += settings.Bias;
            simulation._z.Add(z);
            if (settings.KeepSamples)
            {
                simulation._samples.Add(z);
            }
        }

        return simulation;
    }

    private static double[] Noisy(ExplainRule rule, double[] activations, double keepProb, IRandomSource random)
    {
        var y = new double[activations.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = RuleNoise.TrainOutput(rule, activations[i], keepProb, random);
        }

        return y;
    }
}
