namespace DropoutLab.Study;

/// <summary>The variance shift of one batch normalization over the seeds of a configuration.</summary>
/// <param name="Layer">1 for the first hidden layer's batch normalization, 2 for the second's, ….</param>
/// <param name="DropoutOnOverOff">Mean ± std over seeds of <see cref="VarianceShift.MedianDropoutOnOverOff"/> (the median over units: a few units nearly constant at inference would dominate a mean).</param>
/// <param name="RunningOverInference">Mean ± std over seeds of <see cref="VarianceShift.MedianRunningOverInference"/>.</param>
public sealed record VarianceShiftSummary(int Layer, MeanStd DropoutOnOverOff, MeanStd RunningOverInference);
