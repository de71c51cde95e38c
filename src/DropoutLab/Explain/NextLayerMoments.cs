namespace DropoutLab.Explain;

/// <summary>
/// Moments of the next layer's pre-activation z = w·y + b = Σᵢ wᵢ·yᵢ + b. Expectation is linear, so
/// E[z] = Σᵢ wᵢ·E[yᵢ] + b; the masks are independent, so Var[z] = Σᵢ wᵢ²·Var[yᵢ].
/// </summary>
public static class NextLayerMoments
{
    /// <summary>Σᵢ wᵢ·valuesᵢ + b: E[z] from the unit means, or z itself from fixed unit outputs.</summary>
    public static double Mean(IReadOnlyList<double> weights, IReadOnlyList<double> unitMeans, double bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(unitMeans);
        CheckLengths(weights, unitMeans);
        double sum = 0.0;
        for (int i = 0; i < weights.Count; i++)
        {
            sum += weights[i] * unitMeans[i];
        }

        return sum + bias;
    }

    /// <summary>Var[z] = Σᵢ wᵢ²·Var[yᵢ].</summary>
    public static double Variance(IReadOnlyList<double> weights, IReadOnlyList<double> unitVariances)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(unitVariances);
        CheckLengths(weights, unitVariances);
        double sum = 0.0;
        for (int i = 0; i < weights.Count; i++)
        {
            sum += weights[i] * weights[i] * unitVariances[i];
        }

        return sum;
    }

    private static void CheckLengths(IReadOnlyList<double> weights, IReadOnlyList<double> values)
    {
        if (weights.Count != values.Count)
        {
            throw new ArgumentException($"{weights.Count} weights for {values.Count} units.", nameof(weights));
        }
    }
}
