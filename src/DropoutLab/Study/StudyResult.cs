using DropoutLab.Layers;

namespace DropoutLab.Study;

/// <summary>The whole study: its settings, every run, and the rows aggregated from them.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="TrainSource">Where the training data came from.</param>
/// <param name="TestSource">Where the test data came from.</param>
/// <param name="Runs">Every run, in key order (depth, keepProb, training rule, seed index).</param>
/// <param name="Rows">Aggregates in the order depth, keepProb, training rule, inference rule.</param>
public sealed record StudyResult(
    StudySettings Settings,
    string TrainSource,
    string TestSource,
    IReadOnlyList<StudyRunResult> Runs,
    IReadOnlyList<StudyRow> Rows)
{
    /// <summary>The row for one cell, or null when the study did not include it.</summary>
    public StudyRow? Find(int depth, double keepProb, DropoutScaling scaling, InferenceRule rule) =>
        Rows.FirstOrDefault(row => row.Depth == depth && row.KeepProb.Equals(keepProb) && row.Scaling == scaling && row.EvalRule == rule);
}
