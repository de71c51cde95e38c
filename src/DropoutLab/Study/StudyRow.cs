using DropoutLab.Layers;

namespace DropoutLab.Study;

/// <summary>One (depth, keepProb, training rule, inference rule) cell of the study, aggregated over seeds.</summary>
/// <param name="Depth">Hidden layers.</param>
/// <param name="KeepProb">Probability of keeping a hidden unit.</param>
/// <param name="Scaling">Training rule: inverted or none.</param>
/// <param name="EvalRule">Inference rule: plain or at-inference.</param>
/// <param name="Seeds">Number of seeds aggregated.</param>
/// <param name="TestAccuracy">Test accuracy over seeds.</param>
/// <param name="TestLogLoss">Test log-loss over seeds.</param>
/// <param name="Ece">Expected calibration error over seeds.</param>
/// <param name="MeanAbsLogit">Mean |logit| over seeds.</param>
/// <param name="ActivationRatio">Per hidden layer, the mean over seeds of μₗ(inference)/E[μₗ(training)] (NaN seeds skipped).</param>
public sealed record StudyRow(
    int Depth,
    double KeepProb,
    DropoutScaling Scaling,
    InferenceRule EvalRule,
    int Seeds,
    MeanStd TestAccuracy,
    MeanStd TestLogLoss,
    MeanStd Ece,
    MeanStd MeanAbsLogit,
    IReadOnlyList<double> ActivationRatio);
