using System.Diagnostics;
using DropoutLab.Layers;
using DropoutLab.Training;
using Google.Protobuf;
using Onnx;

namespace DropoutLab.Onnx.Tests;

/// <summary>The file itself: versions, names, shapes, nodes, the warning, and Debian python3-onnx's full checker.</summary>
public sealed class OnnxModelTests
{
    [Fact]
    public void TheInferenceGraphHasNoDropoutNodesAndDeclaresItsVersionsAndShapes()
    {
        MlpNetwork<float> model = OnnxParityTests.Build<float>("batchnorm-after");
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model));
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(17, Assert.Single(proto.OpsetImport).Version);
        Assert.Equal(["Sub", "Div", "Gemm", "Relu", "BatchNormalization", "Gemm", "Relu", "BatchNormalization", "Gemm", "Softmax"], proto.Graph.Node.Select(n => n.OpType));
        ValueInfoProto input = Assert.Single(proto.Graph.Input);
        Assert.Equal(OnnxExport.InputName, input.Name);
        Assert.Equal("batch", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(7, input.Type.TensorType.Shape.Dim[1].DimValue);
        ValueInfoProto output = Assert.Single(proto.Graph.Output);
        Assert.Equal(OnnxExport.ProbabilitiesName, output.Name);
        Assert.Equal(3, output.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.DoesNotContain("mc_dropout", proto.DocString, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMonteCarloGraphHasADropoutNodePerSiteADefaultFalseSwitchAndTheWarning()
    {
        MlpNetwork<float> model = OnnxParityTests.Build<float>("at-inference");
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model, new OnnxExportOptions { McDropout = true }));
        NodeProto[] dropouts = [.. proto.Graph.Node.Where(n => n.OpType == "Dropout")];
        Assert.Equal(3, dropouts.Length);
        Assert.All(dropouts, d => Assert.Equal(OnnxExport.McDropoutName, d.Input[2]));
        Assert.All(dropouts, d => Assert.Empty(d.Attribute));

        // ratio = 1 − keepProb per site.
        float[] ratios = [.. dropouts.Select(d => BitConverter.ToSingle(proto.Graph.Initializer.Single(t => t.Name == d.Input[1]).RawData.ToByteArray()))];
        Assert.Equal([0.2f, 0.5f, 0.3f], ratios, (a, b) => Math.Abs(a - b) < 1e-6f);

        TensorProto switchDefault = proto.Graph.Initializer.Single(t => t.Name == OnnxExport.McDropoutName);
        Assert.Equal((int)TensorProto.Types.DataType.Bool, switchDefault.DataType);
        Assert.Equal([0], switchDefault.Int32Data);
        Assert.Contains(proto.Graph.Input, i => i.Name == OnnxExport.McDropoutName);
        Assert.Contains(OnnxExport.OptimizationWarning, proto.DocString, StringComparison.Ordinal);
    }

    [Fact]
    public void AtInferenceScalingIsFoldedIntoTheNextWeights()
    {
        MlpNetwork<double> model = OnnxParityTests.Build<double>("at-inference");
        ModelProto proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model));
        TensorProto w1 = proto.Graph.Initializer.Single(t => t.Name == "W1");
        double first = BitConverter.ToDouble(w1.RawData.Span[..8]);
        Assert.Equal(0.8 * model.DenseLayers.First().Weights.Value.Data[0], first);
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Mul");
    }

    [Fact]
    public void EveryExportedKindPassesTheOnnxCheckerOfDebiansPython3Onnx()
    {
        string folder = Directory.CreateTempSubdirectory("dropoutlab-onnx-").FullName;
        try
        {
            var files = new List<string>();
            foreach (string network in new[] { "inverted", "at-inference", "none", "batchnorm-before", "at-inference-batchnorm-after", "alpha-selu", "dropconnect", "deep" })
            {
                MlpNetwork<float> single = OnnxParityTests.Build<float>(network);
                MlpNetwork<double> twice = OnnxParityTests.Build<double>(network);
                files.Add(Write(folder, $"{network}-f32.onnx", OnnxExport.ToBytes(single)));
                files.Add(Write(folder, $"{network}-f64.onnx", OnnxExport.ToBytes(twice, new OnnxExportOptions { Head = OnnxHead.Prediction })));
                if (OnnxExport.McDropoutRefusal(single) is null)
                {
                    files.Add(Write(folder, $"{network}-mc-f32.onnx", OnnxExport.ToBytes(single, new OnnxExportOptions { McDropout = true })));
                    files.Add(Write(folder, $"{network}-mc-f64.onnx", OnnxExport.ToBytes(twice, new OnnxExportOptions { McDropout = true })));
                }
            }

            string script = "import sys, onnx\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\n    print('ok', f)\n";
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            files.ForEach(start.ArgumentList.Add);
            using Process python = Process.Start(start)!;
            string stdout = python.StandardOutput.ReadToEnd();
            string stderr = python.StandardError.ReadToEnd();
            python.WaitForExit();
            Assert.True(python.ExitCode == 0, $"onnx.checker failed (apt-get install python3-onnx if the module is missing):\n{stderr}");
            Assert.Equal(files.Count, stdout.Split('\n').Count(line => line.StartsWith("ok ", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string folder, string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
