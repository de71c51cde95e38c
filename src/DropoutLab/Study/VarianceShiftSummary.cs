namespace DropoutLab.Study;

/// <summary>The variance shift of one batch normalization over the seeds of a configuration.</summary>
/// <param name="Layer">1 for the first hidden layer's batch normalization, 2 for the second's, ….</param>
/// <param name="DropoutOnOverOff">Mean ± std over seeds of <see cref="VarianceShift.MeanDropoutOnOverOff"/>.</param>
/// <param name="RunningOverInference">Mean ± std over seeds of <see cref="VarianceShift.MeanRunningOverInference"/>.</param>
public sealed record VarianceShiftSummary(int Layer, MeanStd DropoutOnOverOff, MeanStd RunningOverInference);
