using System.Globalization;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>
/// The study's network: [LINEAR → RELU → DROPOUT] × depth → LINEAR, sizes [nₓ, width, …, width, 1], with the sigmoid
/// in the loss. He initialization (He et al. 2015): Wₗ ~ N(0, 2/nₗ₋₁) element-wise, drawn row-major in layer order;
/// bₗ = 0.
/// </summary>
internal static class StudyNetwork
{
    /// <summary>Builds the network; weights come from <paramref name="init"/>, masks from <paramref name="masks"/>.</summary>
    public static Sequential<double> Build(int inputSize, int depth, int width, double keepProb, DropoutScaling scaling, IRandomSource init, IRandomSource masks)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var layers = new List<ILayer<double>>(3 * depth + 1);
        int fanIn = inputSize;
        for (int l = 1; l <= depth; l++)
        {
            layers.Add(new Dense<double>(HeNormal(width, fanIn, init), l.ToString(CultureInfo.InvariantCulture)));
            layers.Add(new ReluDropout<double>(keepProb, scaling, new NumpyStreamMasks(masks)));
            fanIn = width;
        }

        layers.Add(new Dense<double>(HeNormal(1, fanIn, init), (depth + 1).ToString(CultureInfo.InvariantCulture)));
        return new Sequential<double>(layers);
    }

    /// <summary>
    /// The same layers (shared, not copied) with every dropout layer replaced by one whose evaluation pass applies
    /// <paramref name="rule"/>: y = a for <see cref="InferenceRule.Plain"/>, y = keepProb·a for
    /// <see cref="InferenceRule.AtInference"/>. Its training pass is that of a net trained without scaling.
    /// </summary>
    public static Sequential<double> WithInferenceRule(Sequential<double> network, InferenceRule rule, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(random);
        DropoutScaling evalScaling = rule == InferenceRule.AtInference ? DropoutScaling.AtInference : DropoutScaling.None;
        return new Sequential<double>(network.Layers.Select(layer =>
            layer is DropoutLayer<double> dropout ? dropout.WithScaling(evalScaling) : layer));
    }

    // W = randn(rows, columns)·√(2/columns), drawn row-major
    private static Matrix<double> HeNormal(int rows, int columns, IRandomSource random)
    {
        var weights = new Matrix<double>(rows, columns);
        double std = Math.Sqrt(2.0 / columns);
        for (int i = 0; i < weights.Data.Length; i++)
        {
            weights.Data[i] = random.NextGaussian() * std;
        }

        return weights;
    }
}
