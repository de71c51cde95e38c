namespace DropoutLab.Metrics;

/// <summary>Mean |logit| = (1/m)·Σⱼ |zⱼ|: how far from 0.5 a binary classifier pushes its predictions.</summary>
public static class MeanAbsLogit
{
    /// <summary>(1/m)·Σⱼ |zⱼ|.</summary>
    /// <exception cref="ArgumentException">No examples.</exception>
    public static double Of(ReadOnlySpan<double> logits)
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
}
