using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Onnx.Tests;

/// <summary>Small networks with non-trivial biases, batch-norm statistics and standardization, and inputs for them.</summary>
internal static class TestModels
{
    public static MlpNetwork<T> Random<T>(int[] layers, double[] keepProbs, DropoutScaling scaling = DropoutScaling.Inverted, BatchNormPlacement batchNorm = BatchNormPlacement.None, DropoutVariant dropout = DropoutVariant.Bernoulli, HiddenActivation activation = HiddenActivation.Relu, MaskSharing share = MaskSharing.Element, ulong seed = 7)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        MlpNetwork<T> model = MlpNetwork<T>.Create(layers, keepProbs, scaling, seed, threads: 1, initGain: 2.0, batchNorm: batchNorm, dropout: dropout, activation: activation, maskShare: share);
        model.Standardization = new InputStandardization(0.25, 1.75);
        var random = new NumpyRandomState((uint)seed + 1);
        foreach (Dense<T> dense in model.DenseLayers)
        {
            Fill(dense.Bias.Value.Data, random, 0.3, 0);
        }

        foreach (BatchNorm<T> norm in model.BatchNormLayers)
        {
            Fill(norm.Gamma.Value.Data, random, 0.2, 1);
            Fill(norm.Beta.Value.Data, random, 0.2, 0);
            var mean = new T[norm.Features];
            var variance = new T[norm.Features];
            Fill(mean, random, 0.5, 0.4);
            Fill(variance, random, 0.2, 1.5);
            norm.SetRunningStatistics(mean, variance);
        }

        return model;
    }

    /// <summary>Row-major rows × columns of N(0.25, 1.75²)-ish values, in float32 (as every data reader gives them).</summary>
    public static float[] Inputs(int rows, int columns, uint seed = 3)
    {
        var random = new NumpyRandomState(seed);
        var x = new float[rows * columns];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(0.25 + (1.75 * random.NextGaussian()));
        }

        return x;
    }

    /// <summary>The library's inference probabilities, classes × rows.</summary>
    public static double[,] LibraryProbabilities<T>(MlpNetwork<T> model, float[] inputs, int rows)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var data = new LabeledData(inputs, new int[rows], model.Layers[0], model.Layers[^1], "test inputs");
        return new Classifier<T>(model, 64).Probabilities(data);
    }

    public static T[] As<T>(float[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => [.. values.Select(v => T.CreateChecked(v))];

    private static void Fill<T>(T[] values, NumpyRandomState random, double scale, double offset)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateChecked(offset + (scale * Math.Abs(random.NextGaussian())));
        }
    }
}
