namespace DropoutLab.Study;

/// <summary>
/// The variance shift at one batch-normalization layer, measured over a data set (Li, Chen, Hu and Yang, CVPR 2019).
/// For unit i, vᵢ(on) and vᵢ(off) are the unbiased variances over the examples of the layer's input with dropout
/// drawing fresh masks and with dropout at its inference rule, every batch normalization on its running statistics
/// in both passes; rᵢ is its running variance.
/// </summary>
/// <param name="Layer">Which batch normalization: 1 for the first hidden layer's, 2 for the second's, ….</param>
/// <param name="DropoutOnOverOff">vᵢ(on)/vᵢ(off) per unit (NaN where vᵢ(off) = 0, a unit constant at inference).</param>
/// <param name="RunningOverInference">rᵢ/vᵢ(off) per unit (NaN where vᵢ(off) = 0).</param>
public sealed record VarianceShift(int Layer, IReadOnlyList<double> DropoutOnOverOff, IReadOnlyList<double> RunningOverInference)
{
    /// <summary>Units whose inference variance is positive, the ones the means are over.</summary>
    public int CountedUnits => DropoutOnOverOff.Count(ratio => !double.IsNaN(ratio));

    /// <summary>(1/k)·Σᵢ vᵢ(on)/vᵢ(off) over the k counted units: how much wider the layer's input is in training; NaN when k = 0.</summary>
    public double MeanDropoutOnOverOff => MeanOfFinite(DropoutOnOverOff);

    /// <summary>(1/k)·Σᵢ rᵢ/vᵢ(off) over the k counted units: the mismatch the layer normalizes with at inference; NaN when k = 0.</summary>
    public double MeanRunningOverInference => MeanOfFinite(RunningOverInference);

    /// <summary>The median of vᵢ(on)/vᵢ(off) over the counted units (the mean of the middle two for even k), robust to a few nearly constant units; NaN when k = 0.</summary>
    public double MedianDropoutOnOverOff => MedianOfFinite(DropoutOnOverOff);

    /// <summary>The median of rᵢ/vᵢ(off) over the counted units; NaN when k = 0.</summary>
    public double MedianRunningOverInference => MedianOfFinite(RunningOverInference);

    // The middle value (or the mean of the middle two) of the values that are not NaN.
    private static double MedianOfFinite(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Where(value => !double.IsNaN(value)).Order()];
        int half = sorted.Length / 2;
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[half]
            : (sorted[half - 1] + sorted[half]) / 2.0;
    }

    // (1/k)·Σ over the k values that are not NaN, in order.
    private static double MeanOfFinite(IReadOnlyList<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (double value in values)
        {
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
