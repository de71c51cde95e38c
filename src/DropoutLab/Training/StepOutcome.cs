namespace DropoutLab.Training;

/// <summary>What one training step saw on its mini-batch, before the update.</summary>
/// <param name="SumLoss">Σⱼ −ln p_{yⱼ j} over the batch (the summed softmax cross-entropy).</param>
/// <param name="Correct">Examples whose arg-max class equals their label.</param>
internal readonly record struct StepOutcome(double SumLoss, int Correct);
