using Microsoft.ML.OnnxRuntime;

namespace DropoutLab.Onnx.Tests;

// docs/onnx.md shows the code between the snippet markers verbatim (OnnxDocsTests checks it).
// snippet-start
public static class OnnxQuickstart
{
    /// <summary>Class probabilities, row-major [rows, classes], of the inference graph.</summary>
    public static float[] Predict(string onnxPath, float[] features, int featureCount)
    {
        using var session = new InferenceSession(onnxPath);
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(features, [features.Length / featureCount, featureCount]);
        using var run = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(run, ["input"], [input], ["probabilities"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>
    /// The mean of <paramref name="passes"/> Monte-Carlo dropout passes of a graph exported with --mc-dropout, taken
    /// in one run of the rows repeated once per pass (separate runs draw correlated masks in ONNX Runtime's CPU provider).
    /// </summary>
    public static float[] MonteCarloMean(string onnxPath, float[] features, int featureCount, int passes)
    {
        // Optimizers that treat Dropout as an inference no-op would delete it; ONNX Runtime keeps it, but be safe.
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(onnxPath, options);
        var copies = new float[passes * features.Length];
        for (int pass = 0; pass < passes; pass++)
        {
            features.CopyTo(copies, pass * features.Length);
        }

        using OrtValue input = OrtValue.CreateTensorValueFromMemory(copies, [copies.Length / featureCount, featureCount]);
        using OrtValue mcDropout = OrtValue.CreateTensorValueFromMemory(new[] { true }, []);
        using var run = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(run, ["input", "mc_dropout"], [input, mcDropout], ["probabilities"]);
        ReadOnlySpan<float> p = outputs[0].GetTensorDataAsSpan<float>();
        var mean = new float[p.Length / passes];
        for (int i = 0; i < p.Length; i++)
        {
            mean[i % mean.Length] += p[i] / passes;
        }

        return mean;
    }
}

// snippet-end
