using DropoutLab.Data;

namespace DropoutLab.Training;

/// <summary>
/// The affine map applied to every input value before the network sees it: x′ = (x − Mean)/Std, with one mean and
/// one standard deviation over all training values (for images: over all pixels, as torchvision's Normalize).
/// Centred inputs make a dropped input (0) stand for the average value rather than for black.
/// </summary>
public readonly record struct InputStandardization(double Mean, double Std)
{
    /// <summary>The identity map.</summary>
    public static InputStandardization None => new(0, 1);

    /// <summary>The mean and population standard deviation of every feature value of <paramref name="data"/>.</summary>
    public static InputStandardization Of(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double sum = 0;
        foreach (float value in data.Features)
        {
            sum += value;
        }

        double mean = sum / data.Features.Length;
        double squares = 0;
        foreach (float value in data.Features)
        {
            squares += (value - mean) * (value - mean);
        }

        double std = Math.Sqrt(squares / data.Features.Length);
        return new InputStandardization(mean, std > 0 && double.IsFinite(std) ? std : 1);
    }
}
