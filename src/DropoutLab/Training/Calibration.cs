namespace DropoutLab.Training;

/// <summary>
/// Expected calibration error (Guo et al. 2017): predictions are grouped by confidence c = max_k p_k into
/// <c>bins</c> equal-width bins of [0, 1]; ECE = Σ_b (n_b/N)·|acc_b − conf_b|.
/// </summary>
public static class Calibration
{
    /// <summary>ECE of the given confidences and correctness flags.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (confidence.Length != correct.Length)
        {
            throw new ArgumentException("confidence and correct differ in length.", nameof(correct));
        }

        if (confidence.IsEmpty)
        {
            return 0;
        }

        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctSum = new double[bins];
        for (int i = 0; i < confidence.Length; i++)
        {
            int bin = Math.Clamp((int)(confidence[i] * bins), 0, bins - 1);
            count[bin]++;
            confidenceSum[bin] += confidence[i];
            correctSum[bin] += correct[i] ? 1 : 0;
        }

        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                ece += (double)count[b] / confidence.Length * Math.Abs((correctSum[b] / count[b]) - (confidenceSum[b] / count[b]));
            }
        }

        return ece;
    }
}
