using DropoutLab.Training;
using Onnx;

namespace DropoutLab.Tests;

/// <summary><c>dropout-lab export</c>: the files it writes and everything it refuses.</summary>
public sealed class ExportCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Saved<T>(MlpNetwork<T> model, string name)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        string path = System.IO.Path.Combine(_folder.Path, name);
        ModelFile.Save(model, path);
        return path;
    }

    private static MlpNetwork<float> Gaussian() =>
        MlpNetwork<float>.Create([8, 16, 3], [0.9, 0.8], Layers.DropoutScaling.Inverted, 1, 1, dropout: DropoutVariant.Gaussian);

    [Fact]
    public void ExportWritesTheInferenceGraphOfAFloat32Model()
    {
        string model = Saved(SyntheticImages.FloatModel, "m.dlm"), onnx = System.IO.Path.Combine(_folder.Path, "m.onnx");
        CliRun run = CliRunner.Run("export", "--model", model, "--onnx", onnx);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.StartsWith($"wrote {onnx}: float32, layers 8,16,3", run.Output, StringComparison.Ordinal);
        Assert.Contains("output probabilities [batch, 3]; IR version 8, opset 17", run.Output, StringComparison.Ordinal);
        ModelProto proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Dropout");
        Assert.Equal((int)TensorProto.Types.DataType.Float, proto.Graph.Input[0].Type.TensorType.ElemType);
    }

    [Fact]
    public void ExportMcDropoutOfAFloat64ModelKeepsDropoutNodesAndSaysHostsMustDisableOptimizations()
    {
        string model = Saved(SyntheticImages.DoubleModel, "m64.dlm"), onnx = System.IO.Path.Combine(_folder.Path, "m64.onnx");
        CliRun run = CliRunner.Run("export", "--model", model, "--onnx", onnx, "--mc-dropout");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("inputs input [batch, 8], mc_dropout bool (default false)", run.Output, StringComparison.Ordinal);
        Assert.Contains("ORT_DISABLE_ALL", run.Output, StringComparison.Ordinal);
        ModelProto proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        Assert.Equal(2, proto.Graph.Node.Count(n => n.OpType == "Dropout"));
        Assert.Equal((int)TensorProto.Types.DataType.Double, proto.Graph.Input[0].Type.TensorType.ElemType);
    }

    [Fact]
    public void McDropoutOfAGaussianModelIsRefusedNamingTheFlagAndTheRuleAndWritesNothing()
    {
        string model = Saved(Gaussian(), "g.dlm"), onnx = System.IO.Path.Combine(_folder.Path, "g.onnx");
        CliRun run = CliRunner.Run("export", "--model", model, "--onnx", onnx, "--mc-dropout");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("--mc-dropout", run.Error, StringComparison.Ordinal);
        Assert.Contains("gaussian dropout", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(onnx));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp*"));

        // Its inference form exports.
        Assert.Equal(0, CliRunner.Run("export", "--model", model, "--onnx", onnx).ExitCode);
        Assert.True(File.Exists(onnx));
    }

    [Fact]
    public void AMissingOrCorruptModelIsADataErrorNamingTheFile()
    {
        string onnx = System.IO.Path.Combine(_folder.Path, "x.onnx");
        string missing = System.IO.Path.Combine(_folder.Path, "missing.dlm");
        CliRun run = CliRunner.Run("export", "--model", missing, "--onnx", onnx);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing.dlm", run.Error, StringComparison.Ordinal);

        string corrupt = _folder.File("corrupt.dlm", "DLABMODL but not really a model");
        run = CliRunner.Run("export", "--model", corrupt, "--onnx", onnx);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("corrupt.dlm", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(onnx));
    }

    [Fact]
    public void TheOnnxFileMayNotBeTheModelOrAFolder()
    {
        string model = Saved(SyntheticImages.FloatModel, "same.dlm");
        byte[] before = File.ReadAllBytes(model);
        CliRun run = CliRunner.Run("export", "--model", model, "--onnx", model);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--onnx", run.Error, StringComparison.Ordinal);
        Assert.Contains("--model", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(model));

        run = CliRunner.Run("export", "--model", model, "--onnx", _folder.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--onnx", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BothFlagsAreRequired()
    {
        CliRun run = CliRunner.Run("export", "--model", "m.dlm");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--onnx", run.Error, StringComparison.Ordinal);
    }
}
