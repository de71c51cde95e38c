namespace DropoutLab.Study;

/// <summary>A mean and a population standard deviation over seeds.</summary>
/// <param name="Mean">x̄ = (1/n)·Σᵢ xᵢ.</param>
/// <param name="Std">s = √((1/n)·Σᵢ (xᵢ − x̄)²), numpy's default (ddof = 0); 0 for one seed.</param>
public readonly record struct MeanStd(double Mean, double Std)
{
    /// <summary>The mean and standard deviation of <paramref name="values"/>, summed in order.</summary>
    public static MeanStd Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values.", nameof(values));
        }

        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        double mean = sum / values.Length;
        double squares = 0;
        foreach (double value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return new MeanStd(mean, Math.Sqrt(squares / values.Length));
    }
}
