using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>
/// Forward passes that also report, for every dropout layer l, the mean of its output
/// μₗ = (1/(n·m))·Σᵢⱼ yₗ,ᵢⱼ over its n units and m examples.
/// </summary>
internal static class ActivationProbe
{
    /// <summary>One pass in <paramref name="mode"/>; writes μₗ to <paramref name="hiddenMeans"/> and returns the logits.</summary>
    public static Matrix<double> Forward(Sequential<double> network, Matrix<double> input, Mode mode, Span<double> hiddenMeans)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(input);
        Matrix<double> activation = input;
        int l = 0;
        foreach (ILayer<double> layer in network.Layers)
        {
            activation = layer.Forward(activation, mode);
            if (layer is DropoutLayer<double>)
            {
                hiddenMeans[l++] = Mean(activation.Data);
            }
        }

        if (l != hiddenMeans.Length)
        {
            throw new ArgumentException($"the network has {l} dropout layers, not {hiddenMeans.Length}.", nameof(hiddenMeans));
        }

        return activation;
    }

    /// <summary>
    /// The training-time means E[μₗ] ≈ (1/P)·Σₚ μₗ⁽ᵖ⁾ over <paramref name="passes"/> training passes, each with new
    /// masks drawn by the dropout layers' generator.
    /// </summary>
    public static void TrainingMeans(Sequential<double> network, Matrix<double> input, int passes, Span<double> hiddenMeans)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        Span<double> pass = stackalloc double[hiddenMeans.Length];
        hiddenMeans.Clear();
        for (int p = 0; p < passes; p++)
        {
            Forward(network, input, Mode.Train, pass);
            for (int l = 0; l < hiddenMeans.Length; l++)
            {
                hiddenMeans[l] += pass[l];
            }
        }

        for (int l = 0; l < hiddenMeans.Length; l++)
        {
            hiddenMeans[l] /= passes;
        }
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }
}
