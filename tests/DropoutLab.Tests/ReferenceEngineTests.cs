using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>The fast engine held to the plain reference kernels, as a whole run.</summary>
public sealed class ReferenceEngineTests
{
    [Theory]
    [InlineData(0.86, DropoutScaling.Inverted, MaskPolicy.Fixed, 0.0)]
    [InlineData(0.7, DropoutScaling.None, MaskPolicy.Fresh, 0.0)]
    [InlineData(0.8, DropoutScaling.AtInference, MaskPolicy.Fresh, 0.7)]
    public void CourseRunGivesTheSameBitsOnTheReferenceKernels(double keepProb, DropoutScaling scaling, MaskPolicy masks, double lambd)
    {
        var settings = new CourseSettings { KeepProb = keepProb, Scaling = scaling, Masks = masks, Lambd = lambd, Iterations = 3000, RecordEvery = 100 };
        CourseResult fast = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test(), ComputeKernels.Fast);
        CourseResult reference = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test(), ComputeKernels.Reference);

        Assert.Equal(fast.Costs.Select(c => BitConverter.DoubleToInt64Bits(c.Cost)), reference.Costs.Select(c => BitConverter.DoubleToInt64Bits(c.Cost)));
        Assert.Equal(fast.TrainAccuracy, reference.TrainAccuracy);
        Assert.Equal(fast.TestAccuracy, reference.TestAccuracy);
        Assert.Equal(ParameterHash.Sha256(fast.Network.Parameters), ParameterHash.Sha256(reference.Network.Parameters));
        Assert.True(fast.Costs[^1].Cost < fast.Costs[0].Cost * 0.8, "the run trained");
    }

    [Fact]
    public void Float64TrainRunGivesTheSameBitsOnTheReferenceKernels()
    {
        MlpSettings settings = SyntheticImages.Settings with { Epochs = 2 };
        LabeledData train = SyntheticImages.Labeled(200, seed: 5), test = SyntheticImages.Labeled(60, seed: 6);
        MlpResult<double> fast = new MlpTrainer<double>(settings).Train(train, test);
        MlpResult<double> reference = new MlpTrainer<double>(settings, ComputeKernels.Reference).Train(train, test);
        Assert.Equal(fast.ParametersSha256, reference.ParametersSha256);
        Assert.Equal(fast.Test.Accuracy, reference.Test.Accuracy);
    }

    [Fact]
    public void Float32TrainRunAgreesWithTheReferenceKernelsToRounding()
    {
        // The fast float32 engine multiplies on a fused-multiply-add GEMM, the reference sums products in k order
        // without fusing: after a few steps the parameters agree to a few float32 ulps of their scale.
        MlpSettings settings = SyntheticImages.Settings with { Epochs = 1 };
        LabeledData train = SyntheticImages.Labeled(200, seed: 5), test = SyntheticImages.Labeled(60, seed: 6);
        MlpResult<float> fast = new MlpTrainer<float>(settings).Train(train, test);
        MlpResult<float> reference = new MlpTrainer<float>(settings, ComputeKernels.Reference).Train(train, test);
        Dense<float>[] fastLayers = [.. fast.Model.DenseLayers], referenceLayers = [.. reference.Model.DenseLayers];
        double largest = 0;
        for (int l = 0; l < fastLayers.Length; l++)
        {
            float[] a = fastLayers[l].Weights.Value.Data, b = referenceLayers[l].Weights.Value.Data;
            float scale = a.Max(Math.Abs);
            for (int i = 0; i < a.Length; i++)
            {
                largest = Math.Max(largest, Math.Abs(a[i] - b[i]) / scale);
            }
        }

        Assert.InRange(largest, 0.0, 1e-5);
        Assert.NotEqual(fast.ParametersSha256, reference.ParametersSha256);
    }
}
