using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Onnx.Tests;

/// <summary>The inference graph in ONNX Runtime against the library's own evaluation, for every rule it exports.</summary>
public sealed class OnnxParityTests
{
    private const int Rows = 300;

    public static TheoryData<string> Networks() =>
    [
        "inverted", "inverted-no-input-dropout", "at-inference", "none", "batchnorm-before", "batchnorm-after",
        "at-inference-batchnorm-after", "gaussian", "alpha-selu", "dropconnect", "feature-shared", "deep",
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Float32InferenceGraphGivesTheLibrarysProbabilities(string network) => AssertParity<float>(network, 1e-5);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Float64InferenceGraphGivesTheLibrarysProbabilities(string network) => AssertParity<double>(network, 1e-12);

    [Theory]
    [MemberData(nameof(Networks))]
    public void TheMonteCarloGraphWithMcDropoutFalseIsTheInferenceGraph(string network)
    {
        MlpNetwork<float> model = Build<float>(network);
        if (OnnxExport.McDropoutRefusal(model) is not null)
        {
            Assert.Throws<Settings.SettingException>(() => OnnxExport.ToBytes(model, new OnnxExportOptions { McDropout = true }));
            return;
        }

        float[] x = TestModels.Inputs(Rows, model.Layers[0]);
        using var eval = new OrtRunner(OnnxExport.ToBytes(model));
        using var mc = new OrtRunner(OnnxExport.ToBytes(model, new OnnxExportOptions { McDropout = true }));
        float[] expected = eval.Run(x, Rows, model.Layers[0]);
        Assert.Equal(expected, mc.Run(x, Rows, model.Layers[0]));
        Assert.Equal(expected, mc.Run(x, Rows, model.Layers[0], mcDropout: false));
    }

    [Fact]
    public void ARegressionNetworkExportsItsPredictionWithoutSoftmax()
    {
        MlpNetwork<double> model = TestModels.Random<double>([4, 12, 2], [0.9, 0.5]);
        model.Standardization = Training.InputStandardization.None;
        float[] x = TestModels.Inputs(Rows, 4);
        using var ort = new OrtRunner(OnnxExport.ToBytes(model, new OnnxExportOptions { Head = OnnxHead.Prediction }));
        double[] actual = ort.Run(TestModels.As<double>(x), Rows, 4, output: OnnxExport.PredictionName);

        var columns = new Matrix<double>(4, Rows);
        for (int r = 0; r < Rows; r++)
        {
            for (int f = 0; f < 4; f++)
            {
                columns[f, r] = x[(r * 4) + f];
            }
        }

        Matrix<double> expected = model.Network.Forward(columns, Mode.Eval);
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(expected[c, r], actual[(r * 2) + c], 1e-12);
            }
        }

        // A softmax over two outputs would sum to 1 on every row; the raw predictions do not.
        Assert.Contains(Enumerable.Range(0, Rows), r => Math.Abs(actual[2 * r] + actual[(2 * r) + 1] - 1) > 0.1);
    }

    internal static MlpNetwork<T> Build<T>(string network)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => network switch
        {
            "inverted" => TestModels.Random<T>([7, 16, 3], [0.8, 0.5]),
            "inverted-no-input-dropout" => TestModels.Random<T>([7, 16, 3], [1.0, 0.5]),
            "at-inference" => TestModels.Random<T>([7, 16, 9, 3], [0.8, 0.5, 0.7], DropoutScaling.AtInference),
            "none" => TestModels.Random<T>([7, 16, 3], [0.8, 0.5], DropoutScaling.None),
            "batchnorm-before" => TestModels.Random<T>([7, 16, 9, 3], [0.9, 0.5, 0.6], batchNorm: BatchNormPlacement.BeforeDropout),
            "batchnorm-after" => TestModels.Random<T>([7, 16, 9, 3], [0.9, 0.5, 0.6], batchNorm: BatchNormPlacement.AfterDropout),
            "at-inference-batchnorm-after" => TestModels.Random<T>([7, 16, 3], [0.9, 0.5], DropoutScaling.AtInference, BatchNormPlacement.AfterDropout),
            "gaussian" => TestModels.Random<T>([7, 16, 3], [0.8, 0.5], dropout: DropoutVariant.Gaussian),
            "alpha-selu" => TestModels.Random<T>([7, 16, 3], [0.9, 0.8], dropout: DropoutVariant.Alpha, activation: HiddenActivation.Selu),
            "dropconnect" => TestModels.Random<T>([7, 16, 3], [0.8, 0.5], dropout: DropoutVariant.DropConnect),
            "feature-shared" => TestModels.Random<T>([7, 16, 3], [0.8, 0.5], share: MaskSharing.Feature),
            "deep" => TestModels.Random<T>([33, 64, 48, 32, 10], [0.8, 0.5, 0.5, 0.5], activation: HiddenActivation.Selu),
            _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
        };

    private static void AssertParity<T>(string network, double tolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        MlpNetwork<T> model = Build<T>(network);
        int n0 = model.Layers[0], classes = model.Layers[^1];
        float[] x = TestModels.Inputs(Rows, n0);
        using var ort = new OrtRunner(OnnxExport.ToBytes(model));
        T[] actual = ort.Run(TestModels.As<T>(x), Rows, n0);
        double[,] expected = TestModels.LibraryProbabilities(model, x, Rows);
        double worst = 0;
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < classes; c++)
            {
                worst = Math.Max(worst, Math.Abs(double.CreateChecked(actual[(r * classes) + c]) - expected[c, r]));
            }
        }

        Assert.True(worst <= tolerance, $"{network}: largest |ONNX − library| = {worst:G3} > {tolerance:G3}");

        // The probabilities are not all alike: a graph that ignored its input would not pass.
        Assert.True(Enumerable.Range(0, Rows).Select(r => expected[0, r]).Distinct().Count() > Rows / 2);
    }
}
