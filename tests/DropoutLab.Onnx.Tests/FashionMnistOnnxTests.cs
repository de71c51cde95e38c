using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Training;

namespace DropoutLab.Onnx.Tests;

/// <summary>
/// Models trained on Fashion-MNIST (Debian's dataset-fashion-mnist, which .ci/run installs) give in ONNX Runtime the
/// library's probabilities within 10⁻⁵ and the same predicted class for all 10 000 test images.
/// </summary>
public sealed class FashionMnistOnnxTests
{
    private const string Folder = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void Float32InvertedModelHasTheLibrarysTestAccuracyInOnnxRuntime() =>
        AssertSameAccuracy<float>(new MlpSettings { Layers = [784, 128, 10], KeepProbs = [0.8, 0.5], Epochs = 1, Seed = 3 });

    [Fact]
    public void Float64AtInferenceModelWithBatchNormHasTheLibrarysTestAccuracyInOnnxRuntime() =>
        AssertSameAccuracy<double>(new MlpSettings { Layers = [784, 64, 32, 10], KeepProbs = [0.9, 0.5, 0.6], Scaling = DropoutScaling.AtInference, BatchNorm = BatchNormPlacement.AfterDropout, Epochs = 1, Seed = 4 });

    private static void AssertSameAccuracy<T>(MlpSettings settings)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.True(Directory.Exists(Folder), $"{Folder} is missing: apt-get install dataset-fashion-mnist");
        (LabeledData train, LabeledData test) = TrainingData.Load(Folder, null);
        MlpNetwork<T> model = new MlpTrainer<T>(settings).Train(train, test).Model;
        EvaluationReport library = new Classifier<T>(model, 256).Evaluate(test);
        double[,] expected = TestModels.LibraryProbabilities(model, test.Features, test.Count);

        using var ort = new OrtRunner(OnnxExport.ToBytes(model));
        T[] actual = ort.Run(TestModels.As<T>(test.Features), test.Count, 784);
        int correct = 0, sameClass = 0;
        double worst = 0;
        for (int r = 0; r < test.Count; r++)
        {
            int best = 0;
            for (int c = 0; c < 10; c++)
            {
                double p = double.CreateChecked(actual[(r * 10) + c]);
                worst = Math.Max(worst, Math.Abs(p - expected[c, r]));
                if (p > double.CreateChecked(actual[(r * 10) + best]))
                {
                    best = c;
                }
            }

            correct += best == test.Labels[r] ? 1 : 0;
            sameClass += best == ArgMaxColumn(expected, r) ? 1 : 0;
        }

        Assert.True(library.Accuracy > 0.75, $"the model learned: accuracy {library.Accuracy}");
        Assert.True(worst <= 1e-5, $"largest |ONNX − library| probability {worst:G3}");
        Assert.Equal(test.Count, sameClass);
        Assert.Equal(library.Accuracy, (double)correct / test.Count);
    }

    private static int ArgMaxColumn(double[,] p, int column)
    {
        int best = 0;
        for (int c = 1; c < p.GetLength(0); c++)
        {
            if (p[c, column] > p[best, column])
            {
                best = c;
            }
        }

        return best;
    }
}
