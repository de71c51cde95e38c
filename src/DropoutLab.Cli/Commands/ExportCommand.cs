using System.CommandLine;
using System.Numerics;
using DropoutLab.Cli.Output;
using DropoutLab.Onnx;
using DropoutLab.Training;

namespace DropoutLab.Cli.Commands;

/// <summary><c>dropout-lab export</c>: a saved model as an ONNX file for ONNX Runtime and every other ONNX host.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var model = new Option<string>("--model") { Description = "Model file written by 'dropout-lab train' (exported in its stored precision)", Required = true };
        var onnx = new Option<string>("--onnx") { Description = "ONNX file to write (atomically): input 'input' [batch, inputs], output 'probabilities' [batch, classes]; IR version 8, opset 17", Required = true };
        var mcDropout = new Option<bool>("--mc-dropout")
        {
            Description = "Keep the dropout sites as ONNX Dropout nodes switched on by the boolean input 'mc_dropout' (default false), for Monte-Carlo dropout "
                + "in the host; the host must disable graph optimizations (ONNX Runtime: ORT_DISABLE_ALL) or they are removed. Bernoulli dropout with "
                + "per-element masks only",
        };
        var command = new Command("export", "Write a saved model as an ONNX model: the inference graph, or with --mc-dropout one whose dropout a host can switch on.")
        {
            model, onnx, mcDropout,
        };
        command.SetAction(parsed =>
        {
            string modelPath = parsed.GetValue(model)!;
            string onnxPath = parsed.GetValue(onnx)!;
            var options = new OnnxExportOptions { McDropout = parsed.GetValue(mcDropout) };
            new OutputGuard().Input("--model", modelPath).Output("--onnx", onnxPath).Check();
            string summary = ModelFile.ReadPrecision(modelPath) == 4
                ? Run<float>(modelPath, onnxPath, options)
                : Run<double>(modelPath, onnxPath, options);
            io.Out.WriteLine(summary);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Run<T>(string modelPath, string onnxPath, OnnxExportOptions options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        MlpNetwork<T> model = ModelFile.Load<T>(modelPath);
        OnnxExport.Save(model, onnxPath, options);
        string inputs = $"input [batch, {model.Layers[0]}]" + (options.McDropout ? ", mc_dropout bool (default false)" : string.Empty);
        string line = $"wrote {onnxPath}: {ModelText.Describe(model)}; inputs {inputs}; output probabilities [batch, {model.Layers[^1]}]; IR version {OnnxExport.IrVersion}, opset {OnnxExport.OpsetVersion}";
        return options.McDropout
            ? line + Environment.NewLine + "note: mc_dropout works only with graph optimizations off (ONNX Runtime: GraphOptimizationLevel.ORT_DISABLE_ALL); see docs/onnx.md"
            : line;
    }
}
