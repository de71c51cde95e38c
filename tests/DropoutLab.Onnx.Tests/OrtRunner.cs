using Microsoft.ML.OnnxRuntime;

namespace DropoutLab.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime's CPU provider on a row-major [rows, columns] input.</summary>
internal sealed class OrtRunner : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;

    public OrtRunner(byte[] model, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_DISABLE_ALL)
    {
        _options = new SessionOptions { GraphOptimizationLevel = level };
        _session = new InferenceSession(model, _options);
    }

    public InferenceSession Session => _session;

    /// <summary>The named output for the input, with mc_dropout fed when <paramref name="mcDropout"/> is not null.</summary>
    public T[] Run<T>(T[] input, int rows, int columns, bool? mcDropout = null, string output = OnnxExport.ProbabilitiesName)
        where T : unmanaged
    {
        var names = new List<string> { OnnxExport.InputName };
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(input, [rows, columns]) };
        if (mcDropout is bool on)
        {
            names.Add(OnnxExport.McDropoutName);
            values.Add(OrtValue.CreateTensorValueFromMemory(new[] { on }, []));
        }

        try
        {
            using var runOptions = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(runOptions, names, values, [output]);
            return results[0].GetTensorDataAsSpan<T>().ToArray();
        }
        finally
        {
            foreach (OrtValue value in values)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
