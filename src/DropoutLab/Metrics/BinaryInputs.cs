namespace DropoutLab.Metrics;

/// <summary>The argument check shared by the binary metrics that read logits.</summary>
internal static class BinaryInputs
{
    /// <summary>Throws unless there is at least one logit and one label per logit.</summary>
    public static void Check(ReadOnlySpan<double> logits, ReadOnlySpan<int> labels)
    {
        if (logits.IsEmpty || logits.Length != labels.Length)
        {
            throw new ArgumentException($"{logits.Length} logits for {labels.Length} labels.", nameof(labels));
        }
    }
}
