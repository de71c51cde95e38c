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
    Estimate VarianceRatio);
