using System.Globalization;
using DropoutLab.Layers;

namespace DropoutLab.Explain;

/// <summary>
/// The input of <see cref="ExplainExperiment"/>: one layer's activations a, each kept with probability keepProb,
/// feeding a next-layer unit z = w·y + b.
/// </summary>
public sealed record ExplainSettings
{
    /// <summary>Probability of keeping a unit, in (0, 1].</summary>
    public double KeepProb { get; init; } = 0.8;

    /// <summary>The activations a of the layer dropout acts on (ReLU outputs, say).</summary>
    public IReadOnlyList<double> Activations { get; init; } = [2.0, 0.5, 0.0, 1.2];

    /// <summary>The next layer's weights w, one per activation.</summary>
    public IReadOnlyList<double> Weights { get; init; } = [0.6, -1.0, 0.8, 0.5];

    /// <summary>The next layer's bias b.</summary>
    public double Bias { get; init; } = 0.1;

    /// <summary>Monte-Carlo trials (masks drawn per rule).</summary>
    public int Trials { get; init; } = 100000;

    /// <summary>Seed of the generator each rule's masks are drawn from.</summary>
    public uint Seed { get; init; } = 1;

    /// <summary>When true, every trial's z is kept (for histograms).</summary>
    public bool KeepSamples { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        DropoutLayer<double>.CheckKeepProb(KeepProb);
        ArgumentNullException.ThrowIfNull(Activations);
        ArgumentNullException.ThrowIfNull(Weights);
        if (Activations.Count == 0)
        {
            throw new ArgumentException("activations must not be empty.", nameof(Activations));
        }

        if (Weights.Count != Activations.Count)
        {
            throw new ArgumentException($"{Weights.Count} weights for {Activations.Count} activations.", nameof(Weights));
        }

        CheckFinite(Activations, "activation");
        CheckFinite(Weights, "weight");
        CheckFinite([Bias], "bias");
        if (Trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Trials), Trials, $"trials must be at least 1, but got {Trials}.");
        }
    }

    private static void CheckFinite(IReadOnlyList<double> values, string what)
    {
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(what, value, string.Create(CultureInfo.InvariantCulture, $"every {what} must be a finite number, but got {value}."));
            }
        }
    }
}
