namespace DropoutLab.Onnx;

/// <summary>What an exported graph computes after its last dense layer.</summary>
public enum OnnxHead
{
    /// <summary>A classifier: output <c>probabilities</c> [batch, C] = softmax of the last layer over the classes.</summary>
    Probabilities,

    /// <summary>A regression network: output <c>prediction</c> [batch, C] = the last layer itself (no output non-linearity).</summary>
    Prediction,
}
