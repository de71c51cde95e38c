using DropoutLab.Numerics;

namespace DropoutLab.Metrics;

/// <summary>
/// The test log-likelihood of Monte-Carlo dropout for regression (Gal and Ghahramani, ICML 2016, eq. 8): the
/// predictive distribution is the mixture (1/T)·Σₜ N(ŷₜ, τ⁻¹) of the T stochastic passes, so a point y scores
/// log p(y) = logsumexp_t(−τ/2·(y − ŷₜ)²) − log T − ½·log 2π + ½·log τ; the metric is its mean over the points.
/// exp and ln are <c>PortableMath</c>'s, so the number is the same bits on every CPU.
/// </summary>
public static class GaussianLogLikelihood
{
    /// <summary>The mean log-likelihood of <paramref name="targets"/> under the mixtures of <paramref name="samples"/>.</summary>
    /// <param name="targets">yᵢ for the n points.</param>
    /// <param name="samples">ŷ, T × n row-major: sample t of point i at t·n + i (in the targets' units).</param>
    /// <param name="tau">The model precision τ &gt; 0.</param>
    /// <exception cref="ArgumentException">There are no points, or the samples are not whole rows of n.</exception>
    /// <exception cref="ArgumentOutOfRangeException">τ is not positive and finite.</exception>
    public static double Mean(ReadOnlySpan<double> targets, ReadOnlySpan<double> samples, double tau)
    {
        int n = targets.Length;
        if (n == 0 || samples.Length == 0 || samples.Length % n != 0)
        {
            throw new ArgumentException($"Need T × n samples for n = {n} points, got {samples.Length}.", nameof(samples));
        }

        if (!(tau > 0) || !double.IsFinite(tau))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "The precision τ must be positive and finite.");
        }

        int passes = samples.Length / n;
        double constant = -PortableMath.Log((double)passes) - (0.5 * PortableMath.Log(2 * Math.PI)) + (0.5 * PortableMath.Log(tau));
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            // logsumexp with the largest exponent taken out: max + log Σ exp(aₜ − max)
            double largest = double.NegativeInfinity;
            for (int t = 0; t < passes; t++)
            {
                double residual = targets[i] - samples[(t * n) + i];
                largest = Math.Max(largest, -0.5 * tau * residual * residual);
            }

            double sum = 0;
            for (int t = 0; t < passes; t++)
            {
                double residual = targets[i] - samples[(t * n) + i];
                sum += PortableMath.Exp((-0.5 * tau * residual * residual) - largest);
            }

            total += largest + PortableMath.Log(sum) + constant;
        }

        return total / n;
    }
}
