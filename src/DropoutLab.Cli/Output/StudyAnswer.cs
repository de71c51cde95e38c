using System.Globalization;
using System.Text;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Study;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The written answer to "does scaling matter more in deeper networks?", generated from one study's numbers:
/// activation ratios and log-losses per keep-prob, then the library's <see cref="StudyVerdict"/> (the log-loss gap
/// between no scaling and inverted scaling at the shallowest and deepest net, what scaling at inference recovers,
/// and how much accuracy moved) in words. Every sentence follows the numbers: "repairs" only when scaling at
/// inference brings the unscaled nets to inverted dropout's log-loss everywhere, "hardly notices" only when the
/// accuracy moved by at most <see cref="SmallAccuracyShift"/>. Markdown emphasis only in <see cref="Markdown"/>.
/// </summary>
public static class StudyAnswer
{
    /// <summary>The largest accuracy shift, as a fraction (one percentage point), that the answer calls small.</summary>
    public const double SmallAccuracyShift = 0.01;

    /// <summary>The answer as plain lines (the last paragraph of the terminal output).</summary>
    public static IReadOnlyList<string> Lines(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        foreach (double keepProb in result.Settings.KeepProbs)
        {
            lines.AddRange(Findings(result, keepProb).Select(line => "- " + line));
        }

        lines.Add(Verdict(result, markdown: false));
        return lines;
    }

    /// <summary>study.md: the answer, the command that reproduces it, the table and the figures.</summary>
    public static string Markdown(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        StudySettings settings = result.Settings;
        var md = new StringBuilder();
        md.Append("# Does scaling matter more in deeper networks?\n\n");
        md.Append(Verdict(result, markdown: true)).Append("\n\n");
        md.Append("## Findings\n\n");
        foreach (double keepProb in settings.KeepProbs)
        {
            foreach (string line in Findings(result, keepProb))
            {
                md.Append("- ").Append(line).Append('\n');
            }
        }

        md.Append("\n## How it was measured\n\n");
        md.Append(CultureInfo.InvariantCulture, $"ReLU networks with {List(settings.Depths)} {(settings.Depths is [1] ? "hidden layer" : "hidden layers")} of {Plural.Of(settings.Width, "unit")}, dropout after every hidden layer, He initialization, ");
        md.Append(CultureInfo.InvariantCulture, $"sigmoid output, full-batch gradient descent for {Plural.Of(settings.Iterations, "iteration")} at learning rate {F(settings.LearningRate)}, ");
        md.Append(CultureInfo.InvariantCulture, $"{(settings.Masks == MaskPolicy.Fresh ? "fresh masks every iteration" : "one fixed mask per layer")}, {Plural.Of(settings.Seeds, "seed")} per configuration; ");
        md.Append(CultureInfo.InvariantCulture, $"training data {result.TrainSource}, test data {result.TestSource}. Each net trained without scaling is evaluated twice: ");
        md.Append("`plain` (weights as trained, what the course code does) and `at-inference` (hidden activations × keep-prob, the weight-scaling rule of Srivastava et al. 2014). ");
        md.Append(CultureInfo.InvariantCulture, $"The activation ratio of a hidden layer is its mean output at inference divided by its mean output during training (averaged over {settings.ProbePasses} dropout passes), both on the training set. ");
        md.Append("ECE uses 10 equal-width bins of P(y = 1). Means ± population standard deviations over seeds.\n\n");
        md.Append("Reproduce with:\n\n```sh\n").Append(Command(result)).Append("\n```\n\n");
        md.Append("## Results\n\n");
        md.Append("| depth | keep-prob | scaling | eval | test accuracy | test log-loss | ECE | mean abs logit | activation ratio by layer |\n");
        md.Append("|---:|---:|---|---|---|---|---|---|---|\n");
        foreach (StudyRow row in result.Rows)
        {
            md.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Depth} | {F(row.KeepProb)} | {row.Scaling.ToName()} | {row.EvalRule.ToName()} | {Pm(row.TestAccuracy)} | {Pm(row.TestLogLoss)} | {Pm(row.Ece)} | {Pm(row.MeanAbsLogit)} | {string.Join(", ", row.ActivationRatio.Select(Ratio))} |\n"));
        }

        md.Append("\n## Figures\n\n");
        foreach (double keepProb in settings.KeepProbs)
        {
            string[] stems = [.. StudyFiles.PlotStems(keepProb)];
            md.Append(string.Create(CultureInfo.InvariantCulture, $"![Test log-loss against depth, keep-prob {F(keepProb)}]({stems[0]}.png)\n\n"));
            md.Append(string.Create(CultureInfo.InvariantCulture, $"![Activation ratio against layer, keep-prob {F(keepProb)}]({stems[1]}.png)\n\n"));
        }

        return md.ToString();
    }

    /// <summary>The command line that reproduces <paramref name="result"/>.</summary>
    public static string Command(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        StudySettings s = result.Settings;
        var command = new StringBuilder("dropout-lab study");
        if (!result.TrainSource.StartsWith("football/", StringComparison.Ordinal))
        {
            command.Append(" --data ").Append(result.TrainSource);
        }

        if (!result.TestSource.StartsWith("football/", StringComparison.Ordinal))
        {
            command.Append(" --test ").Append(result.TestSource);
        }

        command.Append(string.Create(
            CultureInfo.InvariantCulture,
            $" --depths {string.Join(",", s.Depths)} --width {s.Width} --keep-probs {string.Join(",", s.KeepProbs.Select(R))} --scalings {string.Join(",", s.Scalings.Select(x => x.ToName()))}" +
            $" --seeds {s.Seeds} --iterations {s.Iterations} --learning-rate {R(s.LearningRate)} --masks {CourseJson.MaskName(s.Masks)}"));
        return command.ToString();
    }

    private static List<string> Findings(StudyResult result, double keepProb)
    {
        StudySettings settings = result.Settings;
        int[] depths = [.. settings.Depths.Order()];
        int deepest = depths[^1];
        var lines = new List<string>();
        StudyRow? noneDeep = result.Find(deepest, keepProb, DropoutScaling.None, InferenceRule.Plain);
        StudyRow? invertedDeep = result.Find(deepest, keepProb, DropoutScaling.Inverted, InferenceRule.Plain);
        var ratioText = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"keep-prob {F(keepProb)}, activation ratio (inference / training mean) by layer in the {deepest}-layer net: "));
        var parts = new List<string>();
        if (noneDeep is not null)
        {
            parts.Add($"{string.Join(", ", noneDeep.ActivationRatio.Select(Ratio))} without scaling (1/keep-prob = {F(1 / keepProb)} per layer, compounding)");
        }

        if (invertedDeep is not null)
        {
            double last = invertedDeep.ActivationRatio[^1];
            parts.Add(last < 0.9 && last < invertedDeep.ActivationRatio[0]
                ? $"{string.Join(", ", invertedDeep.ActivationRatio.Select(Ratio))} with inverted scaling, which drifts below 1 with depth: ReLU of a noisy input has a larger mean than ReLU of the clean input (the variance shift), and that compounds too"
                : $"{string.Join(", ", invertedDeep.ActivationRatio.Select(Ratio))} with inverted scaling");
        }

        lines.Add(ratioText.Append(string.Join("; ", parts)).Append('.').ToString());

        var lossParts = new List<string>();
        foreach ((DropoutScaling scaling, InferenceRule rule, string name) in new[]
        {
            (DropoutScaling.None, InferenceRule.Plain, "no scaling"),
            (DropoutScaling.Inverted, InferenceRule.Plain, "inverted"),
            (DropoutScaling.None, InferenceRule.AtInference, "no scaling but ×keep-prob at inference"),
        })
        {
            StudyRow?[] rows = [.. depths.Select(d => result.Find(d, keepProb, scaling, rule))];
            if (rows.All(row => row is not null))
            {
                lossParts.Add($"{name} {string.Join(" → ", rows.Select(row => L(row!.TestLogLoss.Mean)))}");
            }
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"keep-prob {F(keepProb)}, test log-loss at depths {string.Join(", ", depths)}: {string.Join("; ", lossParts)}."));

        StudyRow[] all = [.. result.Rows.Where(row => row.KeepProb.Equals(keepProb))];
        double lowAcc = all.Min(row => row.TestAccuracy.Mean), highAcc = all.Max(row => row.TestAccuracy.Mean);
        double lowLogit = all.Min(row => row.MeanAbsLogit.Mean), highLogit = all.Max(row => row.MeanAbsLogit.Mean);
        lines.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"keep-prob {F(keepProb)}, test accuracy {P(lowAcc)}–{P(highAcc)} over every depth and rule; mean |logit| {L(lowLogit)}–{L(highLogit)}; ECE {L(all.Min(row => row.Ece.Mean))}–{L(all.Max(row => row.Ece.Mean))}."));
        return lines;
    }

    private static string Verdict(StudyResult result, bool markdown)
    {
        StudyVerdict verdict = StudyVerdict.Of(result);
        switch (verdict.Outcome)
        {
            case StudyVerdictOutcome.NeedsBothTrainingRules:
                return "No answer from this run: it needs both training rules (--scalings inverted,none).";
            case StudyVerdictOutcome.NeedsTwoDepths:
                return "No answer from this run: it needs at least two depths to compare.";
        }

        int shallow = verdict.ShallowDepth, deep = verdict.DeepDepth;
        string gapText = string.Join(", ", verdict.Gaps.Select(gap => string.Create(CultureInfo.InvariantCulture, $"{L(gap.Shallow)} → {L(gap.Deep)} at keep-prob {F(gap.KeepProb)}")));
        const string Rule = "Multiplying the hidden activations by keep-prob at inference (the weight-scaling rule of Srivastava et al.)";
        string recovery;
        if (verdict.RecoversCompletely)
        {
            recovery = $"{Rule} repairs the unscaled nets completely: their log-loss is no worse than inverted dropout's at any depth, so the trained weights were fine and only the inference rule was wrong.";
        }
        else if (verdict.InferenceScalingHelps)
        {
            recovery = string.Create(CultureInfo.InvariantCulture, $"{Rule} lowers the unscaled nets' log-loss at every depth but does not repair them: it stays up to {L(verdict.WorstRecovery)} above inverted dropout's, so here scaling at inference is no substitute for training with inverted dropout.");
        }
        else
        {
            string worse = verdict.SmallestInferenceGain < 0
                ? string.Create(CultureInfo.InvariantCulture, $"somewhere it raises their log-loss, by up to {L(-verdict.SmallestInferenceGain)}")
                : "somewhere it leaves their log-loss no lower";
            recovery = string.Create(CultureInfo.InvariantCulture, $"{Rule} does not repair the unscaled nets: {worse}, and it stays up to {L(verdict.WorstRecovery)} above inverted dropout's.");
        }

        string accuracy = verdict.LargestAccuracyShift <= SmallAccuracyShift
            ? string.Create(CultureInfo.InvariantCulture, $"Accuracy hardly notices: on the same trained weights, plain and ×keep-prob inference differ by at most {P(verdict.LargestAccuracyShift)} in test accuracy, because inflating the activations mostly inflates the logits without flipping their sign; the damage is to the probabilities, not to the decisions.")
            : string.Create(CultureInfo.InvariantCulture, $"Accuracy moves too: on the same trained weights, plain and ×keep-prob inference differ by up to {P(verdict.LargestAccuracyShift)} in test accuracy.");
        string answer(string text) => markdown ? $"**{text}**" : text;
        return verdict.Outcome == StudyVerdictOutcome.Yes
            ? string.Create(CultureInfo.InvariantCulture, $"{answer("Answer: yes.")} Without scaling, each hidden layer sees inputs about 1/keep-prob times larger at inference than during training, and the mismatch compounds through the layers, so the logits grow and the predicted probabilities become overconfident. The test log-loss gap between no scaling and inverted scaling grows from depth {shallow} to depth {deep}: {gapText}. {accuracy} {recovery}")
            : string.Create(CultureInfo.InvariantCulture, $"{answer("Answer: not in this run.")} The test log-loss gap between no scaling and inverted scaling did not grow from depth {shallow} to depth {deep} at every keep-prob ({gapText}). {accuracy} {recovery}");
    }

    private static string Pm(MeanStd value) => string.Create(CultureInfo.InvariantCulture, $"{value.Mean:0.000} ± {value.Std:0.000}");

    private static string Ratio(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string L(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string List(IEnumerable<int> values) => string.Join(", ", values);
}
