using System.Globalization;
using DropoutLab.Explain;

namespace DropoutLab.Cli.Output;

/// <summary>The text of <c>explain</c>: one unit in plain numbers, a table per rule, and each rule's mismatch.</summary>
public static class ExplainText
{
    /// <summary>Writes the whole explanation.</summary>
    public static void Write(TextWriter output, ExplainResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        ExplainSettings settings = result.Settings;
        double keep = settings.KeepProb;
        output.WriteLine($"Why divide by keep_prob? keep_prob = {F(keep)}, activations a = [{List(settings.Activations)}],");
        output.WriteLine($"next layer z = w·y + b with w = [{List(settings.Weights)}], b = {F(settings.Bias)}; without dropout z = w·a + b = {F(result.NoDropoutZ)}.");
        output.WriteLine($"Monte Carlo: {Plural.Of(settings.Trials, "trial")}, seed {settings.Seed}; every rule sees the same masks (numpy rand(trials, n) < keep_prob).");
        output.WriteLine();
        WriteOneUnit(output, settings, [.. result.Rules.Select(report => report.Rule)]);
        foreach (RuleReport report in result.Rules)
        {
            output.WriteLine();
            WriteRule(output, result, report);
        }

        output.WriteLine();
        WriteSummary(output, result);
        output.WriteLine();
        WriteKeptUnchanged(output, result);
    }

    // The order of the one-unit sentences: the rule in question first, then the ones it is compared with.
    private static readonly ExplainRule[] OneUnitOrder = [ExplainRule.Inverted, ExplainRule.Unscaled, ExplainRule.AtInference, ExplainRule.NoDropout, ExplainRule.Gaussian, ExplainRule.Alpha, ExplainRule.DropConnect];

    // One sentence per rule shown, for the first nonzero activation.
    private static void WriteOneUnit(TextWriter output, ExplainSettings settings, IReadOnlyList<ExplainRule> rules)
    {
        double keep = settings.KeepProb;
        double drop = 1.0 - keep;
        double a = settings.Activations.FirstOrDefault(x => x != 0.0, settings.Activations[0]);
        output.WriteLine($"One unit in plain numbers (a = {F(a)}):");
        foreach (ExplainRule rule in OneUnitOrder.Where(rules.Contains).Concat(rules.Where(rule => !OneUnitOrder.Contains(rule))))
        {
            output.WriteLine($"  {(rule.ToName() + ":").PadRight(14)}{OneUnit(rule, a, keep, drop)}");
        }
    }

    private static string OneUnit(ExplainRule rule, double a, double keep, double drop)
    {
        double unscaledMean = UnitMoments.TrainMean(ExplainRule.Unscaled, a, keep);
        double scaled = a / keep;
        switch (rule)
        {
            case ExplainRule.Inverted:
                return $"a = {F(a)} is kept with probability {F(keep)} and becomes {F(a)}/{F(keep)} = {F(scaled)}, or is dropped to 0; " +
                    $"on average {F(keep)} × {F(scaled)} + {F(drop)} × 0 = {F(UnitMoments.TrainMean(ExplainRule.Inverted, a, keep))}. At inference it outputs a = {F(a)}: the same.";
            case ExplainRule.Unscaled:
                return $"a = {F(a)} is kept with probability {F(keep)} and stays {F(a)}, or is dropped to 0; " +
                    $"on average {F(keep)} × {F(a)} + {F(drop)} × 0 = {F(unscaledMean)}. At inference it outputs {F(a)}, " +
                    $"1/{F(keep)} = {F(1.0 / keep)} times what the next layer saw in training.";
            case ExplainRule.AtInference:
                return $"trains like unscaled ({F(unscaledMean)} on average); at inference it outputs " +
                    $"{F(keep)} × {F(a)} = {F(UnitMoments.InferenceValue(ExplainRule.AtInference, a, keep))}: the same as in training.";
            case ExplainRule.Gaussian:
                double sigma = Math.Sqrt(drop / keep);
                return $"a = {F(a)} is multiplied by ε ~ N(1, {F(drop)}/{F(keep)} = {F(sigma * sigma)}), nothing is dropped: one standard deviation either side gives " +
                    $"{F(a)} × {F(1 - sigma)} = {F(a * (1 - sigma))} and {F(a)} × {F(1 + sigma)} = {F(a * (1 + sigma))}; on average {F(a)} × 1 = {F(UnitMoments.TrainMean(ExplainRule.Gaussian, a, keep))}, " +
                    $"the spread of inverted dropout (sd {F(Math.Sqrt(UnitMoments.TrainVariance(ExplainRule.Gaussian, a, keep)))}). At inference it outputs a = {F(a)}: the same.";
            case ExplainRule.Alpha:
                double scale = AlphaDropout.Scale(keep), shift = AlphaDropout.Shift(keep);
                double kept = (scale * a) + shift, dropped = (scale * AlphaDropout.DroppedValue) + shift;
                return $"a = {F(a)} is kept with probability {F(keep)} and becomes {F(scale)} × {F(a)} + {F(shift)} = {F(kept)}, or is dropped to SELU's floor " +
                    $"{F(AlphaDropout.DroppedValue)} and becomes {F(scale)} × {F(AlphaDropout.DroppedValue)} + {F(shift)} = {F(dropped)}; on average " +
                    $"{F(keep)} × {F(kept)} + {F(drop)} × {F(dropped)} = {F(UnitMoments.TrainMean(ExplainRule.Alpha, a, keep))}. At inference it outputs a = {F(a)}: " +
                    "alpha dropout keeps mean 0 and variance 1 of a standardized layer, not one unit's value.";
            case ExplainRule.DropConnect:
                return $"the weight from a = {F(a)} into the next unit is kept with probability {F(keep)} and scaled by 1/{F(keep)}, or dropped, so that unit receives " +
                    $"{F(scaled)} or 0, on average {F(a)}: inverted dropout's numbers exactly. The difference is elsewhere: every next-layer unit draws its own mask " +
                    "for this weight, so two units no longer lose a together. At inference the weights are used as they are: the same.";
            default:
                return $"{F(a)} always, in training and at inference.";
        }
    }

    private static void WriteRule(TextWriter output, ExplainResult result, RuleReport report)
    {
        double keep = result.Settings.KeepProb;
        UnitStatistics units = report.Units;
        NextLayerStatistics z = report.NextLayer;
        output.WriteLine($"{report.Rule.ToName()}: {Formula(report.Rule, keep)}");
        string[] header = ["unit", "a", "E[y]", "Var[y]", "MC mean", "95% CI", "MC var", "inference"];
        var rows = new List<string[]> { header };
        for (int i = 0; i < units.AnalyticMean.Count; i++)
        {
            rows.Add(
            [
                (i + 1).ToString(CultureInfo.InvariantCulture),
                F(result.Settings.Activations[i]),
                F(units.AnalyticMean[i]),
                F(units.AnalyticVariance[i]),
                M(units.EmpiricalMean[i]),
                Ci(units.Ci95[i]),
                M(units.EmpiricalVariance[i]),
                F(units.Inference[i]),
            ]);
        }

        rows.Add(["z", string.Empty, F(z.AnalyticMean), F(z.AnalyticVariance), M(z.EmpiricalMean), Ci(z.Ci95), M(z.EmpiricalVariance), F(z.Inference)]);
        int[] widths = [.. Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length))];
        foreach (string[] row in rows)
        {
            output.WriteLine("  " + string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        string mismatch = report.Rule == ExplainRule.Unscaled ? $"1/{F(keep)} = {F(report.Mismatch)}" : F(report.Mismatch);
        output.WriteLine(
            $"  train-to-inference mismatch: inference / E[y] = {mismatch} for every unit; " +
            $"z at inference − E[z] = {F(z.Inference)} − {F(z.AnalyticMean)} = {F(z.Inference - z.AnalyticMean)}.");
    }

    private static void WriteSummary(TextWriter output, ExplainResult result)
    {
        double target = result.NoDropoutZ;
        output.WriteLine($"What the next layer sees (without dropout z = {F(target)}):");
        foreach (RuleReport report in result.Rules)
        {
            NextLayerStatistics z = report.NextLayer;
            string verdict = Same(z.AnalyticMean, z.Inference)
                ? (Same(z.AnalyticMean, target) ? "training and inference agree, at the no-dropout value" : "training and inference agree")
                : "training and inference disagree: the next layer is trained on one scale and used on another";
            output.WriteLine($"  {report.Rule.ToName(),-13} E[z] in training = {F(z.AnalyticMean)}, z at inference = {F(z.Inference)}: {verdict}.");
        }
    }

    // Per rule three rows: the exact moments, the Monte-Carlo estimates and their 95% intervals; then one sentence of reading.
    private static void WriteKeptUnchanged(TextWriter output, ExplainResult result)
    {
        ExplainSettings settings = result.Settings;
        double keep = settings.KeepProb, c = settings.InputMean, v = settings.InputVariance;
        output.WriteLine($"What is kept unchanged: input a ~ N({F(c)}, {F(v)}) through each rule; training vs inference (fresh a, no mask), same trials and seed:");
        string[] header = ["rule", string.Empty, "train E[y]", "train Var[y]", "inference E[y]", "inference Var[y]", "Var ratio train/inference"];
        var rows = new List<string[]> { header };
        foreach (KeptUnchangedReport report in result.KeptUnchanged)
        {
            Estimate[] values = [report.TrainMean, report.TrainVariance, report.InferenceMean, report.InferenceVariance, report.VarianceRatio];
            rows.Add([report.Rule.ToName(), "exact", .. values.Select(e => double.IsFinite(e.Analytic) ? F(e.Analytic) : "n/a")]);
            rows.Add([string.Empty, "MC", .. values.Select(e => M(e.Empirical))]);
            rows.Add([string.Empty, "95% CI", .. values.Select(e => Ci(e.Ci95))]);
        }

        int[] widths = [.. Enumerable.Range(0, header.Length).Select(col => rows.Max(r => r[col].Length))];
        foreach (string[] row in rows)
        {
            output.WriteLine("  " + string.Join("  ", row.Select((cell, col) => col < 2 ? cell.PadRight(widths[col]) : cell.PadLeft(widths[col]))).TrimEnd());
        }

        double trainVariance = RandomInputMoments.TrainVariance(ExplainRule.Inverted, c, v, keep);
        output.WriteLine(
            $"  Reading: inverted dropout keeps the mean (E[y] = {F(c)} in training and at inference) but not the variance: " +
            $"(c² + v)/keep_prob − c² = {F(trainVariance)} in training against v = {F(v)} at inference, ratio {(v > 0 ? F(trainVariance / v) : "n/a")}; " +
            "gaussian shifts it the same way, and alpha keeps both only for a standardized input (c = 0, v = 1).");
        output.WriteLine(
            "  After a BatchNorm: a batch normalization placed after the rule learns the training moments as its running statistics, " +
            "so at inference its output (mean 0, variance 1 in training) has " +
            string.Join("; ", result.KeptUnchanged.Select(report => $"{report.Rule.ToName()} mean {Maybe(report.BatchNormAfterMean)}, variance {Maybe(report.BatchNormAfterVariance)}")) +
            ". Placed before dropout it sees no dropout of its own.");
    }

    private static string Maybe(double value) => double.IsFinite(value) ? F(value) : "n/a";

    private static string Formula(ExplainRule rule, double keep) => rule switch
    {
        ExplainRule.NoDropout => "train y = a, inference y = a",
        ExplainRule.Unscaled => "train y = m·a, inference y = a  (m ~ Bernoulli(keep_prob))",
        ExplainRule.Inverted => $"train y = m·a/{F(keep)}, inference y = a",
        ExplainRule.AtInference => $"train y = m·a, inference y = {F(keep)}·a",
        ExplainRule.Gaussian => $"train y = a·ε, ε ~ N(1, {F((1.0 - keep) / keep)}), inference y = a",
        ExplainRule.DropConnect => $"train z = Σ mᵢ·wᵢ·aᵢ/{F(keep)} + b with a mask per weight, so this unit receives y = m·a/{F(keep)}; inference z = w·a + b",
        ExplainRule.Alpha => $"train y = {F(AlphaDropout.Scale(keep))}·(m·a + (1 − m)·({F(AlphaDropout.DroppedValue)})) + {F(AlphaDropout.Shift(keep))}, inference y = a",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };

    private static bool Same(double x, double y) => Math.Abs(x - y) <= 1e-12 * Math.Max(1.0, Math.Abs(x) + Math.Abs(y));

    private static string List(IEnumerable<double> values) => string.Join(", ", values.Select(F));

    // Exact values: up to 6 decimals, trailing zeros dropped.
    private static string F(double value) => Clean(value.ToString("0.######", CultureInfo.InvariantCulture));

    // Monte-Carlo estimates: 4 decimals.
    private static string M(double value) => double.IsFinite(value) ? Clean(value.ToString("0.0000", CultureInfo.InvariantCulture)) : "n/a";

    private static string Ci(Interval interval) => double.IsFinite(interval.Low) ? $"[{M(interval.Low)}, {M(interval.High)}]" : "n/a";

    private static string Clean(string text) => text == "-0" || text == "-0.0000" ? text[1..] : text;
}
