using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

// Dimension key: n = units, m = examples; activations n × m, element e = r·m + j.

/// <summary>
/// <see cref="MaskSharing.Feature"/>: one keep bit (Gaussian: one ε) per unit for the whole batch, the bit the stream
/// draws for index r; and its point — a Monte-Carlo prediction of an example does not depend on its batch.
/// </summary>
[Trait("Category", "Fast")]
public class MaskSharingTests
{
    private const int Units = 400;
    private const int Examples = 24;

    private static Matrix<double> Positive(int rows, int columns)
    {
        var x = new Matrix<double>(rows, columns);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = 0.5 + (0.25 * (i % 7));
        }

        return x;
    }

    private static DropoutLayer<double> Layer(string kind, double keepProb, MaskSharing sharing)
    {
        var masks = new CounterMasks(new MaskClock(21) { Step = 4 }, 1);
        return kind switch
        {
            "dropout" => new Dropout<double>(keepProb, DropoutScaling.Inverted, masks, 1) { Sharing = sharing },
            "relu" => new ReluDropout<double>(keepProb, DropoutScaling.AtInference, masks, 2) { Sharing = sharing },
            "alpha" => new AlphaDropout<double>(keepProb, masks) { Sharing = sharing },
            _ => new GaussianDropout<double>(keepProb, masks) { Sharing = sharing },
        };
    }

    [Theory]
    [InlineData("dropout", 0.5)]
    [InlineData("relu", 0.7)]
    [InlineData("alpha", 0.8)]
    public void EveryRowOfAFeatureSharedMaskIsConstantAndRowsAreKeptWithKeepProb(string kind, double keepProb)
    {
        DropoutLayer<double> layer = Layer(kind, keepProb, MaskSharing.Feature);
        Matrix<double> x = Positive(Units, Examples);
        double[] y = layer.Forward(x, Mode.Train).Data.ToArray();
        bool[] mask = layer.CopyMask();
        int keptRows = 0;
        for (int r = 0; r < Units; r++)
        {
            bool row = mask[r * Examples];
            keptRows += row ? 1 : 0;
            for (int j = 0; j < Examples; j++)
            {
                Assert.Equal(row, mask[(r * Examples) + j]);
            }
        }

        double se = Math.Sqrt(keepProb * (1 - keepProb) / Units);
        Assert.InRange(keptRows / (double)Units, keepProb - (5 * se), keepProb + (5 * se));

        // Unit r's bit is the stream's bit of index r: with one example, feature and element sharing agree bit for bit.
        DropoutLayer<double> element = Layer(kind, keepProb, MaskSharing.Element);
        element.Forward(Positive(Units, 1), Mode.Train);
        Assert.Equal(element.CopyMask(), Enumerable.Range(0, Units).Select(r => mask[r * Examples]));
        DropoutLayer<double> single = Layer(kind, keepProb, MaskSharing.Feature);
        Assert.Equal(element.Forward(Positive(Units, 1), Mode.Train).Data, single.Forward(Positive(Units, 1), Mode.Train).Data);

        // Element sharing draws another mask for the same batch.
        var reuse = Layer(kind, keepProb, MaskSharing.Element);
        reuse.Forward(x, Mode.Train);
        Assert.NotEqual(mask, reuse.CopyMask());

        // The backward pass uses the same mask (kept rows pass the gradient, dropped rows get 0).
        double[] dx = layer.Backward(Positive(Units, Examples), true)!.Data;
        for (int e = 0; e < dx.Length; e++)
        {
            Assert.Equal(mask[e], dx[e] != 0);
        }

        Assert.Equal(Units * Examples, y.Length);
    }

    [Fact]
    public void FeatureSharedGaussianNoiseHasOneFactorPerUnit()
    {
        const double keepProb = 0.6;
        DropoutLayer<double> layer = Layer("gaussian", keepProb, MaskSharing.Feature);
        var gaussian = (GaussianDropout<double>)layer;
        layer.Forward(Positive(Units, Examples), Mode.Train);
        var factors = new double[Units];
        for (int r = 0; r < Units; r++)
        {
            factors[r] = gaussian.NoiseAt(r * Examples);
            for (int j = 0; j < Examples; j++)
            {
                Assert.Equal(factors[r], gaussian.NoiseAt((r * Examples) + j));
            }
        }

        double variance = (1 - keepProb) / keepProb;
        Assert.InRange(NoiseStatistics.Mean(factors), 1 - (5 * Math.Sqrt(variance / Units)), 1 + (5 * Math.Sqrt(variance / Units)));
        var element = (GaussianDropout<double>)Layer("gaussian", keepProb, MaskSharing.Element);
        element.Forward(Positive(Units, 1), Mode.Train);
        Assert.Equal(Enumerable.Range(0, Units).Select(element.NoiseAt), factors);
    }

    [Fact]
    public void FeatureSharingNeedsCounterMasksAndSurvivesWithScaling()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(0.5, DropoutScaling.Inverted, new NumpyStreamMasks(new NumpyRandomState(1))) { Sharing = MaskSharing.Feature });
        Assert.Equal(MaskSharing.Feature, Layer("relu", 0.5, MaskSharing.Feature).WithScaling(DropoutScaling.None).Sharing);
        Assert.Equal(MaskSharing.Element, new MlpSettings().MaskShare);
    }

    public static TheoryData<DropoutVariant, HiddenActivation, BatchNormPlacement> Networks => new()
    {
        { DropoutVariant.Bernoulli, HiddenActivation.Relu, BatchNormPlacement.None },
        { DropoutVariant.Gaussian, HiddenActivation.Relu, BatchNormPlacement.None },
        { DropoutVariant.Alpha, HiddenActivation.Selu, BatchNormPlacement.AfterDropout },
        { DropoutVariant.Bernoulli, HiddenActivation.Selu, BatchNormPlacement.BeforeDropout },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void WithFeatureSharingAMonteCarloPredictionDoesNotDependOnTheBatchOrThePosition(DropoutVariant dropout, HiddenActivation activation, BatchNormPlacement batchNorm)
    {
        const int samples = 8, target = 3;
        FeatureTable all = Table(12);
        FeatureTable alone = new([.. all.Example(target).ToArray()], all.FeatureCount, "alone");
        float[] moved = [.. all.Features];
        all.Example(target).CopyTo(moved.AsSpan(9 * all.FeatureCount));
        FeatureTable elsewhere = new(moved, all.FeatureCount, "moved");

        double[] Column(MaskSharing sharing, FeatureTable table, int index)
        {
            MlpNetwork<float> model = MlpNetwork<float>.Create([SyntheticImages.Features, 16, 16, SyntheticImages.Classes], [0.8, 0.5, 0.5], DropoutScaling.Inverted, 3, threads: 2, initGain: 1, dropout: dropout, activation: activation, batchNorm: batchNorm, maskShare: sharing);
            Predictions predictions = new Predictor<float>(model, 16).Predict(table, samples, 77);
            return [.. Enumerable.Range(0, predictions.ClassCount).Select(k => predictions.Probabilities[k, index])];
        }

        double[] single = Column(MaskSharing.Feature, alone, 0);
        Assert.Equal(single, Column(MaskSharing.Feature, all, target));
        Assert.Equal(single, Column(MaskSharing.Feature, elsewhere, 9));

        // With a bit per element, the same example draws other masks in another batch or position.
        double[] elementSingle = Column(MaskSharing.Element, alone, 0);
        Assert.NotEqual(elementSingle, Column(MaskSharing.Element, all, target));
        Assert.NotEqual(Column(MaskSharing.Element, all, target), Column(MaskSharing.Element, elsewhere, 9));
    }

    private static FeatureTable Table(int count)
    {
        var random = new NumpyRandomState(5);
        var features = new float[count * SyntheticImages.Features];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return new FeatureTable(features, SyntheticImages.Features, "table");
    }
}
