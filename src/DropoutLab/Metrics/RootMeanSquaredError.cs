namespace DropoutLab.Metrics;

/// <summary>RMSE = √((1/n)·Σᵢ (yᵢ − ŷᵢ)²), summed in order: the regression error of a point prediction (for Monte-Carlo dropout, of the mean over the passes).</summary>
public static class RootMeanSquaredError
{
    /// <summary>The RMSE of <paramref name="predictions"/> against <paramref name="targets"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ or there are no points.</exception>
    public static double Of(ReadOnlySpan<double> targets, ReadOnlySpan<double> predictions)
    {
        if (targets.Length == 0 || targets.Length != predictions.Length)
        {
            throw new ArgumentException($"Need one prediction per target and at least one: {targets.Length} targets, {predictions.Length} predictions.", nameof(predictions));
        }

        double squares = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double residual = targets[i] - predictions[i];
            squares += residual * residual;
        }

        return Math.Sqrt(squares / targets.Length);
    }
}
