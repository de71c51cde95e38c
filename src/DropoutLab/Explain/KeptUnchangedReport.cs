namespace DropoutLab.Explain;

/// <summary>
/// What one rule keeps unchanged for a random input a ~ N(c, v): the mean and variance of y in training and at
/// inference (<see cref="RandomInputMoments"/> next to the Monte-Carlo of <see cref="ExplainExperiment"/>) and the
/// variance ratio Var[y in training] / Var[y at inference], 1 when the rule keeps the variance.
/// </summary>
public sealed record KeptUnchangedReport(
    ExplainRule Rule,
    Estimate TrainMean,
    Estimate TrainVariance,
    Estimate InferenceMean,
    Estimate InferenceVariance,
    Estimate VarianceRatio)
{
    /// <summary>
    /// The inference-time mean of a batch normalization placed after the rule (γ = 1, β = 0) whose running statistics
    /// are the training moments, as its running averages become: (E[y at inference] − E[y in training]) / √Var[y in
    /// training] (0 in training). Analytic; NaN when the training variance is 0.
    /// </summary>
    public double BatchNormAfterMean =>
        TrainVariance.Analytic > 0 ? (InferenceMean.Analytic - TrainMean.Analytic) / Math.Sqrt(TrainVariance.Analytic) : double.NaN;

    /// <summary>
    /// The inference-time variance of that batch normalization's output: Var[y at inference] / Var[y in training] =
    /// 1 / <see cref="VarianceRatio"/> (1 in training): below 1 when dropout widened its input in training, the variance
    /// shift of Li, Chen, Hu and Yang (CVPR 2019). Analytic; NaN when the training variance is 0.
    /// </summary>
    public double BatchNormAfterVariance =>
        TrainVariance.Analytic > 0 ? InferenceVariance.Analytic / TrainVariance.Analytic : double.NaN;
}
