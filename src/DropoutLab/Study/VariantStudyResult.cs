namespace DropoutLab.Study;

/// <summary>The whole variant study: its settings, the data it used and one row per configuration.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="TrainSource">Where the training data came from.</param>
/// <param name="TestSource">Where the test data came from.</param>
/// <param name="Rows">One per (variant, placement), variants outermost, each in the settings' order.</param>
public sealed record VariantStudyResult(VariantStudySettings Settings, string TrainSource, string TestSource, IReadOnlyList<VariantStudyRow> Rows);
