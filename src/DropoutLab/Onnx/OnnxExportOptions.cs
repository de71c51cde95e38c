namespace DropoutLab.Onnx;

/// <summary>How <see cref="OnnxExport"/> writes a model.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>
    /// Whether the graph keeps its dropout sites as ONNX Dropout nodes, switched on by the boolean graph input
    /// <c>mc_dropout</c> (default false) for Monte-Carlo dropout in the host. False (the default) writes the
    /// inference-time graph, with no Dropout nodes.
    /// </summary>
    public bool McDropout { get; init; }

    /// <summary>Softmax probabilities (the default; every model <c>train</c> writes is a classifier) or the raw prediction of a regression network.</summary>
    public OnnxHead Head { get; init; } = OnnxHead.Probabilities;
}
