namespace DropoutLab.Metrics;

/// <summary>
/// Top-label (confidence) expected calibration error of a classifier (Guo et al. 2017): how far the confidence
/// c = maxₖ pₖ of the predicted class is from how often that prediction is right, bin by bin. Unlike
/// <see cref="BinaryCalibrationError"/> it bins the confidence of the predicted class, whatever the class is.
/// </summary>
public static class ConfidenceCalibrationError
{
    /// <summary>
    /// ECE over <paramref name="bins"/> equal-width bins of the confidence: bin b = <see cref="CalibrationBins.Index"/>(cⱼ)
    /// holds n_b examples and ECE = Σ_b (n_b/N)·|acc_b − conf_b|, with acc_b the fraction of correct predictions and
    /// conf_b the mean confidence in the bin (empty bins add 0; no examples give 0).
    /// </summary>
    public static double FromConfidences(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct, int bins = CalibrationBins.Default)
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
            int bin = CalibrationBins.Index(confidence[i], bins);
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
