using DropoutLab.Numerics;

namespace DropoutLab.Metrics;

// Notation: m examples, logit zⱼ, probability pⱼ = σ(zⱼ) = P(y = 1 | xⱼ), label yⱼ ∈ {0, 1}.

/// <summary>
/// Expected calibration error of the positive-class probability of a binary classifier: how far the predicted
/// P(y = 1) is from the observed frequency of class 1, bin by bin. Unlike <see cref="ConfidenceCalibrationError"/>
/// it bins p = P(y = 1) itself (not the confidence max(p, 1 − p)) and compares it with the labels (not with the
/// correctness of the predicted class).
/// </summary>
public static class BinaryCalibrationError
{
    /// <summary>
    /// ECE over <see cref="CalibrationBins.Default"/> equal-width bins of p = σ(z) = 1/(1 + e^(−z)): bin
    /// b = <see cref="CalibrationBins.Index"/>(p) holds Bᵦ and ECE = Σᵦ (|Bᵦ|/m)·|mean_{j∈Bᵦ} yⱼ − mean_{j∈Bᵦ} pⱼ|,
    /// evaluated as Σᵦ |Σ_{Bᵦ} y − Σ_{Bᵦ} p| / m (empty bins add 0).
    /// </summary>
    /// <exception cref="ArgumentException">No examples, or lengths differ.</exception>
    public static double FromLogits(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        BinaryInputs.Check(logits, labels);
        const int Bins = CalibrationBins.Default;
        Span<int> counts = stackalloc int[Bins];
        Span<double> labelSums = stackalloc double[Bins];
        Span<double> probabilitySums = stackalloc double[Bins];
        counts.Clear();
        labelSums.Clear();
        probabilitySums.Clear();
        for (int j = 0; j < logits.Length; j++)
        {
            double p = 1 / (1 + PortableMath.Exp(-logits[j]));
            int bin = CalibrationBins.Index(p, Bins);
            counts[bin]++;
            labelSums[bin] += labels[j];
            probabilitySums[bin] += p;
        }

        // (|B|/m)·|ΣB y/|B| − ΣB p/|B|| = |ΣB y − ΣB p| / m
        double ece = 0;
        for (int b = 0; b < Bins; b++)
        {
            if (counts[b] > 0)
            {
                ece += Math.Abs(labelSums[b] - probabilitySums[b]);
            }
        }

        return ece / logits.Length;
    }
}
