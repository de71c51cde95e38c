using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

// Dimension key: o = output units, i = input units, m = examples; W : o × i, X : i × m.

/// <summary>
/// <see cref="DropConnect{T}"/> on a <see cref="Dense{T}"/> layer and <see cref="DropoutVariant.DropConnect"/> in the MLP:
/// the gradients of the masked network against central differences (mask fixed by the clock step, and at inference),
/// the kept fraction, inference as the mean of Monte-Carlo passes, and masks independent of the thread count.
/// </summary>
[Trait("Category", "Fast")]
public class DropConnectTests
{
    private static readonly int[] Widths = [5, 7, 6, 3];
    private static readonly double[] KeepProbs = [0.8, 0.7, 0.6];
    private static readonly int[] Labels = [0, 2, 1, 2];
    private const double H = 3e-5;

    private static Matrix<T> Random<T>(int rows, int columns, uint seed, double std = 1.0)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var random = new NumpyRandomState(seed);
        var x = new Matrix<T>(rows, columns);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = T.CreateChecked(random.NextGaussian() * std);
        }

        return x;
    }

    private static MlpNetwork<double> Network(HiddenActivation activation = HiddenActivation.Relu)
    {
        var weights = new List<Matrix<double>>();
        for (int l = 1; l < Widths.Length; l++)
        {
            weights.Add(Random<double>(Widths[l], Widths[l - 1], (uint)(20 + l), Math.Sqrt(2.0 / Widths[l - 1])));
        }

        MlpNetwork<double> model = MlpNetwork<double>.FromWeights(weights, KeepProbs, DropoutScaling.Inverted, 13, threads: 1, dropout: DropoutVariant.DropConnect, activation: activation);
        var random = new NumpyRandomState(31);
        foreach (Parameter<double> bias in model.Network.Parameters.Where(p => !p.IsWeight))
        {
            for (int i = 0; i < bias.Value.Data.Length; i++)
            {
                bias.Value.Data[i] = random.NextGaussian() * 0.1;
            }
        }

        model.Clock.Step = 5;
        return model;
    }

    private static double Objective(MlpNetwork<double> model, Matrix<double> x, Mode mode)
    {
        Matrix<double> logits = model.Network.Forward(x, mode);
        var probabilities = new Matrix<double>(logits.Rows, logits.Columns);
        SoftmaxCrossEntropy.Probabilities(logits, probabilities);
        return SoftmaxCrossEntropy.SumLoss(probabilities, Labels) / Labels.Length;
    }

    private static double[][] Analytic(MlpNetwork<double> model, Matrix<double> x, Mode mode)
    {
        Matrix<double> logits = model.Network.Forward(x, mode);
        var probabilities = new Matrix<double>(logits.Rows, logits.Columns);
        var gradient = new Matrix<double>(logits.Rows, logits.Columns);
        SoftmaxCrossEntropy.Probabilities(logits, probabilities);
        SoftmaxCrossEntropy.Gradient(probabilities, Labels, gradient);
        model.Network.Backward(gradient);
        return [.. model.Network.Parameters.Select(p => p.Gradient.Data.ToArray())];
    }

    // The smallest |z| over the hidden pre-activations (the outputs of every Dense layer but the last).
    private static double NearestKink(MlpNetwork<double> model, Matrix<double> x, Mode mode)
    {
        double nearest = double.PositiveInfinity;
        Matrix<double> activation = x;
        IReadOnlyList<ILayer<double>> layers = model.Network.Layers;
        for (int l = 0; l < layers.Count; l++)
        {
            activation = layers[l].Forward(activation, mode);
            if (layers[l] is Dense<double> && l < layers.Count - 1)
            {
                nearest = Math.Min(nearest, activation.Data.Min(Math.Abs));
            }
        }

        return nearest;
    }

    [Theory]
    [InlineData(Mode.Train, HiddenActivation.Relu)]
    [InlineData(Mode.Eval, HiddenActivation.Relu)]
    [InlineData(Mode.Train, HiddenActivation.Selu)]
    public void EveryParameterElementMatchesCentralDifferences(Mode mode, HiddenActivation activation)
    {
        MlpNetwork<double> model = Network(activation);
        Matrix<double> x = Random<double>(Widths[0], Labels.Length, 12);
        Assert.True(NearestKink(model, x, mode) > 1e-3);
        model.Network.Forward(x, Mode.Train);
        bool[][] masks = [.. model.WeightMasks.Select(mask => mask.CopyMask())];
        double[][] analytic = Analytic(model, x, mode);
        IReadOnlyList<Parameter<double>> parameters = model.Network.Parameters;
        for (int k = 0; k < parameters.Count; k++)
        {
            double[] values = parameters[k].Value.Data;
            for (int i = 0; i < values.Length; i++)
            {
                double saved = values[i];
                values[i] = saved + H;
                double plus = Objective(model, x, mode);
                values[i] = saved - H;
                double minus = Objective(model, x, mode);
                values[i] = saved;
                double numeric = (plus - minus) / (2 * H);
                double error = Math.Abs(analytic[k][i] - numeric);
                Assert.True(error <= (1e-6 * Math.Max(Math.Abs(analytic[k][i]), Math.Abs(numeric))) + 1e-10, $"{mode} {parameters[k].Name}[{i}]: analytic {analytic[k][i]:R}, numeric {numeric:R}");
            }
        }

        // The clock step is fixed, so every pass saw the same masks; in training a dropped weight has gradient exactly 0.
        Assert.Equal(masks, model.WeightMasks.Select(mask => mask.CopyMask()));
        Assert.Equal(5UL, model.Clock.Step);
        Assert.True(masks.Sum(mask => mask.Count(kept => !kept)) > 5);
        if (mode == Mode.Train)
        {
            for (int l = 0; l < masks.Length; l++)
            {
                double[] weightGradient = analytic[2 * l];
                Assert.All(Enumerable.Range(0, masks[l].Length).Where(e => !masks[l][e]), e => Assert.Equal(0.0, weightGradient[e]));
            }
        }

        Assert.Equal(mode == Mode.Train, model.WeightMasks.All(mask => mask.LastPassDropped));
    }

    [Fact]
    public void TheMaskedForwardPassIsTheProductWithTheMaskedScaledWeights()
    {
        const double keepProb = 0.7;
        Matrix<double> w = Random<double>(9, 11, 3);
        Matrix<double> x = Random<double>(11, 6, 4);
        var dense = new Dense<double>(w.Clone(), "1", threads: 1) { WeightMask = new DropConnect<double>(keepProb, new CounterMasks(new MaskClock(8), 0), threads: 1) };
        double[] z = dense.Forward(x, Mode.Train).Data.ToArray();
        bool[] kept = dense.WeightMask!.CopyMask();
        for (int r = 0; r < 9; r++)
        {
            for (int j = 0; j < 6; j++)
            {
                double sum = 0;
                for (int k = 0; k < 11; k++)
                {
                    sum += kept[(r * 11) + k] ? w[r, k] * (1 / keepProb) * x[k, j] : 0;
                }

                Assert.Equal(sum, z[(r * 6) + j], 1e-12);
            }
        }

        // Inference multiplies by W itself, the mean of M⊙W/keepProb; the weights were never changed.
        Assert.Equal(w.Data, dense.Weights.Value.Data);
        var plain = new Dense<double>(w.Clone(), "1", threads: 1);
        Assert.Equal(plain.Forward(x, Mode.Eval).Data, dense.Forward(x, Mode.Eval).Data);
        Assert.False(dense.WeightMask.LastPassDropped);
    }

    [Theory]
    [InlineData(0.5, 1UL)]
    [InlineData(0.8, 2UL)]
    public void TheKeptFractionOfTheWeightMaskIsKeepProbWithinFiveStandardErrors(double keepProb, ulong seed)
    {
        var dense = new Dense<float>(Random<float>(300, 400, 5), "1") { WeightMask = new DropConnect<float>(keepProb, new CounterMasks(new MaskClock(seed), 1)) };
        dense.Forward(Random<float>(400, 3, 6), Mode.Train);
        bool[] kept = dense.WeightMask!.CopyMask();
        Assert.Equal(300 * 400, kept.Length);
        double se = Math.Sqrt(keepProb * (1 - keepProb) / kept.Length);
        Assert.InRange(kept.Count(k => k) / (double)kept.Length, keepProb - (5 * se), keepProb + (5 * se));
    }

    [Fact]
    public void InferenceIsTheMeanOfManyMonteCarloPassesWithinFiveStandardErrors()
    {
        const int passes = 4000;
        var clock = new MaskClock(17);
        var dense = new Dense<double>(Random<double>(12, 20, 7), "1", threads: 1) { WeightMask = new DropConnect<double>(0.6, new CounterMasks(clock, 0), threads: 1) };
        Matrix<double> x = Random<double>(20, 5, 8);
        double[] expected = dense.Forward(x, Mode.Eval).Data.ToArray();
        dense.WeightMask!.DropAtEval = true;
        var sum = new double[expected.Length];
        var squares = new double[expected.Length];
        for (int pass = 0; pass < passes; pass++)
        {
            clock.Step = (ulong)pass;
            double[] z = dense.Forward(x, Mode.Eval).Data;
            for (int e = 0; e < z.Length; e++)
            {
                sum[e] += z[e];
                squares[e] += z[e] * z[e];
            }
        }

        for (int e = 0; e < expected.Length; e++)
        {
            double mean = sum[e] / passes;
            double sd = Math.Sqrt(Math.Max((squares[e] / passes) - (mean * mean), 0));
            Assert.InRange(mean, expected[e] - (5 * sd / Math.Sqrt(passes)) - 1e-12, expected[e] + (5 * sd / Math.Sqrt(passes)) + 1e-12);
        }
    }

    [Theory]
    [InlineData(ComputeKernels.Fast)]
    [InlineData(ComputeKernels.Reference)]
    public void MasksAndOutputsAreTheSameOnOneAndTwoThreadsAndMatchTheReferenceBits(ComputeKernels kernels)
    {
        Matrix<float> w = Random<float>(200, 300, 9);
        Matrix<float> x = Random<float>(300, 16, 10);
        Matrix<float> dz = Random<float>(200, 16, 11);
        (bool[] Mask, float[] Z, float[] Dw, float[] Dx) Run(int threads)
        {
            var dense = new Dense<float>(w.Clone(), "1", threads, kernels) { WeightMask = new DropConnect<float>(0.6, new CounterMasks(new MaskClock(4) { Step = 3 }, 2), threads, kernels) };
            float[] z = dense.Forward(x, Mode.Train).Data.ToArray();
            float[] dx = dense.Backward(dz, true)!.Data.ToArray();
            return (dense.WeightMask!.CopyMask(), z, dense.Weights.Gradient.Data.ToArray(), dx);
        }

        var one = Run(1);
        var two = Run(2);
        Assert.Equal(one.Mask, two.Mask);
        Assert.Equal(one.Z, two.Z);
        Assert.Equal(one.Dw, two.Dw);
        Assert.Equal(one.Dx, two.Dx);
        var stream = new DropoutStream(4, 3, 2);
        for (int e = 0; e < one.Mask.Length; e++)
        {
            Assert.Equal(DropoutKernelReference.Keeps(stream, 0.6, e), one.Mask[e]);
        }
    }

    [Fact]
    public void TheNetworkPutsAWeightMaskOnEveryDenseLayerWithTheKeepProbOfItsInputAndNoDropoutLayer()
    {
        MlpNetwork<float> model = MlpNetwork<float>.Create([8, 16, 12, 3], [1.0, 0.5, 0.7], DropoutScaling.Inverted, 3, threads: 1, dropout: DropoutVariant.DropConnect, batchNorm: BatchNormPlacement.BeforeDropout);
        Assert.Equal("Dense BatchNorm Relu Dense BatchNorm Relu Dense", string.Join(' ', model.Network.Layers.Select(layer => layer.GetType().Name.Split('`')[0])));
        Assert.Empty(model.Network.DropoutLayers);
        Dense<float>[] dense = [.. model.DenseLayers];
        Assert.Null(dense[0].WeightMask);
        Assert.Equal([0.5, 0.7], model.WeightMasks.Select(mask => mask.KeepProb));
        Assert.Equal([1U, 2U], model.WeightMasks.Select(mask => mask.Masks.Site));
        model.SetDropAtEval(true);
        Assert.All(model.WeightMasks, mask => Assert.True(mask.DropAtEval));
        model.SetDropAtEval(false);
        Assert.All(model.WeightMasks, mask => Assert.False(mask.DropAtEval));

        Matrix<float>[] weights = [.. model.DenseLayers.Select(d => d.Weights.Value)];
        Assert.Throws<ArgumentOutOfRangeException>(() => MlpNetwork<float>.FromWeights(weights, [0.8, 0.5, 0.5], DropoutScaling.None, 3, 1, dropout: DropoutVariant.DropConnect));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlpNetwork<float>.FromWeights(weights, [0.8, 0.5, 0.5], DropoutScaling.Inverted, 3, 1, dropout: DropoutVariant.DropConnect, maskShare: MaskSharing.Feature));
    }

    [Fact]
    public void TrainingStepsDrawAFreshWeightMaskEachStep()
    {
        var settings = SyntheticImages.Settings with { Layers = [SyntheticImages.Features, 16, SyntheticImages.Classes], KeepProbs = [0.8, 0.6], Dropout = DropoutVariant.DropConnect, Epochs = 1, Threads = 1 };
        MlpNetwork<double> model = MlpNetwork<double>.Create(settings.Layers, settings.KeepProbs, settings.Scaling, 5, threads: 1, dropout: DropoutVariant.DropConnect);
        Matrix<double> x = Random<double>(SyntheticImages.Features, 4, 1);
        model.Network.Forward(x, Mode.Train);
        bool[] first = model.WeightMasks.First().CopyMask();
        model.Clock.Advance();
        model.Network.Forward(x, Mode.Train);
        Assert.NotEqual(first, model.WeightMasks.First().CopyMask());
        model.Clock.Step = 0;
        model.Network.Forward(x, Mode.Train);
        Assert.Equal(first, model.WeightMasks.First().CopyMask());
    }
}
