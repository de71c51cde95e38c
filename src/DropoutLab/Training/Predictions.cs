namespace DropoutLab.Training;

/// <summary>What a <see cref="Predictor{T}"/> says about each example.</summary>
/// <param name="Probabilities">Class probabilities p̄ (classes × examples): one evaluation pass, or the mean over the Monte-Carlo passes.</param>
/// <param name="Predicted">argmaxₖ p̄ₖ of each example (the lowest index on ties).</param>
/// <param name="Samples">Monte-Carlo passes K (0 = one deterministic pass with dropout's inference scaling).</param>
/// <param name="Uncertainty">With K &gt; 0: the standard deviation over the K passes of the predicted class's probability, √(Σᵢ (pᵢ − p̄)² / K); null otherwise.</param>
/// <param name="Entropy">With K &gt; 0: the predictive entropy −Σₖ p̄ₖ ln p̄ₖ in nats; null otherwise.</param>
public sealed record Predictions(double[,] Probabilities, int[] Predicted, int Samples, double[]? Uncertainty, double[]? Entropy)
{
    /// <summary>Number of examples.</summary>
    public int Count => Predicted.Length;

    /// <summary>Number of classes.</summary>
    public int ClassCount => Probabilities.GetLength(0);
}
