namespace DropoutLab.Study;

/// <summary>One trained network evaluated under one inference rule.</summary>
/// <param name="Rule">The inference rule.</param>
/// <param name="TestAccuracy">Test accuracy.</param>
/// <param name="TestLogLoss">Test log-loss (mean binary cross-entropy).</param>
/// <param name="Ece">Expected calibration error on the test set, 10 equal-width bins.</param>
/// <param name="MeanAbsLogit">Mean |logit| on the test set.</param>
/// <param name="ActivationRatios">
/// Per hidden layer l, on the training set: μₗ(inference) / E[μₗ(training)], NaN when the training-time mean is 0.
/// </param>
public sealed record StudyEvaluation(
    InferenceRule Rule,
    double TestAccuracy,
    double TestLogLoss,
    double Ece,
    double MeanAbsLogit,
    IReadOnlyList<double> ActivationRatios);

/// <summary>What one run produced: one evaluation per inference rule that applies to its training rule.</summary>
/// <param name="Key">The run.</param>
/// <param name="Evaluations">Plain first, then at-inference (only for nets trained without scaling).</param>
public sealed record StudyRunResult(StudyRunKey Key, IReadOnlyList<StudyEvaluation> Evaluations);
