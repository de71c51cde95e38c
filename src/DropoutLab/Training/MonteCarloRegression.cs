using DropoutLab.Metrics;

namespace DropoutLab.Training;

// Dimension key: n = points, T = passes. samples : T × n (one output).

/// <summary>
/// The predictive distribution of Monte-Carlo dropout for a one-output regression (Gal and Ghahramani 2016, §4.1),
/// from T samples ŷₜ per point in the targets' units: the mixture (1/T)·Σₜ N(ŷₜ, τ⁻¹), with mean
/// E[y] ≈ (1/T)·Σₜ ŷₜ and variance Var[y] ≈ τ⁻¹ + (1/T)·Σₜ ŷₜ² − E[y]² (model precision τ plus the spread of
/// the passes).
/// </summary>
public sealed class MonteCarloRegression
{
    private readonly double[] _samples;

    private MonteCarloRegression(double[] samples, int points, double[] mean, double[] spread)
    {
        _samples = samples;
        Points = points;
        Mean = mean;
        SampleVariance = spread;
    }

    /// <summary>Number of points n.</summary>
    public int Points { get; }

    /// <summary>Passes T per point.</summary>
    public int Passes => _samples.Length / Points;

    /// <summary>(1/T)·Σₜ ŷₜ per point.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>(1/T)·Σₜ (ŷₜ − mean)² per point: the model's (epistemic) share of the predictive variance.</summary>
    public IReadOnlyList<double> SampleVariance { get; }

    /// <summary>The samples ŷ, T × n row-major (sample t of point j at t·n + j).</summary>
    public ReadOnlySpan<double> Samples => _samples;

    /// <summary>
    /// From the raw outputs of <see cref="MonteCarloDropout.Sample{T}"/> for a one-output network, mapped to the
    /// targets' units as ŷ = <paramref name="targetMean"/> + <paramref name="targetStd"/>·z (0 and 1 when the targets
    /// were not standardized).
    /// </summary>
    /// <exception cref="ArgumentException">The samples are not whole passes over <paramref name="points"/> points.</exception>
    public static MonteCarloRegression FromOutputs(ReadOnlySpan<double> outputs, int points, double targetMean = 0, double targetStd = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        if (outputs.IsEmpty || outputs.Length % points != 0)
        {
            throw new ArgumentException($"{outputs.Length} samples are not whole passes over {points} points.", nameof(outputs));
        }

        var samples = new double[outputs.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = targetMean + (targetStd * outputs[i]);
        }

        int passes = samples.Length / points;
        var mean = new double[points];
        var spread = new double[points];
        for (int t = 0; t < passes; t++)
        {
            for (int j = 0; j < points; j++)
            {
                mean[j] += samples[(t * points) + j];
            }
        }

        for (int j = 0; j < points; j++)
        {
            mean[j] /= passes;
        }

        for (int t = 0; t < passes; t++)
        {
            for (int j = 0; j < points; j++)
            {
                double deviation = samples[(t * points) + j] - mean[j];
                spread[j] += deviation * deviation;
            }
        }

        for (int j = 0; j < points; j++)
        {
            spread[j] /= passes;
        }

        return new MonteCarloRegression(samples, points, mean, spread);
    }

    /// <summary>τ⁻¹ + <see cref="SampleVariance"/> per point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">τ is not positive and finite.</exception>
    public IReadOnlyList<double> PredictiveVariance(double tau)
    {
        if (!(tau > 0) || !double.IsFinite(tau))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "The precision τ must be positive and finite.");
        }

        return [.. SampleVariance.Select(variance => variance + (1 / tau))];
    }

    /// <summary>The RMSE of <see cref="Mean"/> against <paramref name="targets"/>.</summary>
    /// <exception cref="ArgumentException">The targets are not one per point.</exception>
    public double RootMeanSquaredError(ReadOnlySpan<double> targets)
    {
        RequirePoints(targets);
        return Metrics.RootMeanSquaredError.Of(targets, [.. Mean]);
    }

    /// <summary>The mean test log-likelihood of <paramref name="targets"/> (<see cref="GaussianLogLikelihood"/>).</summary>
    /// <exception cref="ArgumentException">The targets are not one per point.</exception>
    /// <exception cref="ArgumentOutOfRangeException">τ is not positive and finite.</exception>
    public double LogLikelihood(ReadOnlySpan<double> targets, double tau)
    {
        RequirePoints(targets);
        return GaussianLogLikelihood.Mean(targets, _samples, tau);
    }

    private void RequirePoints(ReadOnlySpan<double> targets)
    {
        if (targets.Length != Points)
        {
            throw new ArgumentException($"{targets.Length} targets for {Points} points.", nameof(targets));
        }
    }
}
