namespace DropoutLab.Explain;

/// <summary>What one rule does to the units and to the next layer, with its train-to-inference mismatch.</summary>
public sealed record RuleReport(ExplainRule Rule, double Mismatch, UnitStatistics Units, NextLayerStatistics NextLayer);
