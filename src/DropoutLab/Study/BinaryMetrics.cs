using DropoutLab.Numerics;

namespace DropoutLab.Study;

// Notation: m examples, logit zⱼ, probability pⱼ = σ(zⱼ) = P(y = 1 | xⱼ), label yⱼ ∈ {0, 1}.

/// <summary>Test-set metrics of a binary classifier with a sigmoid output, computed from its logits.</summary>
public static class BinaryMetrics
{
    /// <summary>Equal-width probability bins of the expected calibration error.</summary>
    public const int CalibrationBins = 10;

    /// <summary>Accuracy = (1/m)·Σⱼ [(pⱼ &gt; 0.5) = yⱼ], with pⱼ &gt; 0.5 ⇔ zⱼ &gt; 0.</summary>
    public static double Accuracy(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        CheckLengths(logits, labels);
        int correct = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            correct += (logits[j] > 0 ? 1 : 0) == labels[j] ? 1 : 0;
        }

        return correct / (double)logits.Length;
    }

    /// <summary>
    /// Log-loss = (1/m)·Σⱼ −yⱼ·ln pⱼ − (1 − yⱼ)·ln(1 − pⱼ), evaluated from the logit as
    /// max(z, 0) − z·y + ln(1 + e^(−|z|)), which stays finite when σ(z) rounds to 0 or 1.
    /// </summary>
    public static double LogLoss(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        CheckLengths(logits, labels);
        double sum = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            double z = logits[j];
            sum += Math.Max(z, 0) - (z * labels[j]) + PortableMath.Log(1 + PortableMath.Exp(-Math.Abs(z)));
        }

        return sum / logits.Length;
    }

    /// <summary>
    /// Expected calibration error over <see cref="CalibrationBins"/> equal-width bins of p = P(y = 1):
    /// bin b = min(⌊10·p⌋, 9) holds Bᵦ; ECE = Σᵦ (|Bᵦ|/m)·|mean_{j∈Bᵦ} yⱼ − mean_{j∈Bᵦ} pⱼ| (empty bins add 0).
    /// </summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        CheckLengths(logits, labels);
        Span<int> counts = stackalloc int[CalibrationBins];
        Span<double> labelSums = stackalloc double[CalibrationBins];
        Span<double> probabilitySums = stackalloc double[CalibrationBins];
        counts.Clear();
        labelSums.Clear();
        probabilitySums.Clear();
        for (int j = 0; j < logits.Length; j++)
        {
            double p = 1 / (1 + PortableMath.Exp(-logits[j]));
            int bin = Math.Min((int)(p * CalibrationBins), CalibrationBins - 1);
            counts[bin]++;
            labelSums[bin] += labels[j];
            probabilitySums[bin] += p;
        }

        // (|B|/m)·|ΣB y/|B| − ΣB p/|B|| = |ΣB y − ΣB p| / m
        double ece = 0;
        for (int b = 0; b < CalibrationBins; b++)
        {
            if (counts[b] > 0)
            {
                ece += Math.Abs(labelSums[b] - probabilitySums[b]);
            }
        }

        return ece / logits.Length;
    }

    /// <summary>Mean |logit| = (1/m)·Σⱼ |zⱼ|: how far from 0.5 the network pushes its predictions.</summary>
    public static double MeanAbsLogit(ReadOnlySpan<double> logits)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("no examples.", nameof(logits));
        }

        double sum = 0;
        foreach (double z in logits)
        {
            sum += Math.Abs(z);
        }

        return sum / logits.Length;
    }

    private static void CheckLengths(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        if (logits.IsEmpty || logits.Length != labels.Length)
        {
            throw new ArgumentException($"{logits.Length} logits for {labels.Length} labels.", nameof(labels));
        }
    }
}
