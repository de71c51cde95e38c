using System.Globalization;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The variant study as an aligned text table, one line per configuration, means ± standard deviations over seeds,
/// then a few sentences reading it.
/// </summary>
public static class VariantStudyText
{
    /// <summary>Writes the table and its reading.</summary>
    public static void Write(TextWriter output, VariantStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        MlpSettings network = result.Settings.Network;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Variant study: layers {string.Join('-', network.Layers)}, keep probabilities {string.Join(',', network.KeepProbs.Select(F))}, {Plural.Of(network.Epochs, "epoch")} of batch {network.BatchSize}, Adam at {F(network.LearningRate)} ({network.Schedule.ToString().ToLowerInvariant()}), {Plural.Of(result.Settings.Seeds, "seed")} from {network.Seed}, float32; data {result.TrainSource}, test {result.TestSource}."));
        int batchNorms = result.Rows.Max(row => row.VarianceRatios.Count);
        if (batchNorms > 0)
        {
            output.WriteLine("Variance ratios per batch norm k (median over its units, then mean over seeds): on/off = variance of BN k's input over the test set with dropout drawing masks / with dropout off (BNs on running statistics in both); run/inf = BN k's running variance / that inference variance.");
        }

        output.WriteLine();
        string ratioHeader = string.Concat(Enumerable.Range(1, batchNorms).Select(k => $"  {$"BN{k} on/off",-15}  {$"BN{k} run/inf",-15}"));
        string header = $"{"variant",-11}  {"batchnorm",-14}  {"act",-4}  {"test acc",-15}  {"test log-loss",-15}  {"ECE",-15}{ratioHeader}";
        output.WriteLine(header.TrimEnd());
        output.WriteLine(new string('-', header.TrimEnd().Length));
        foreach (VariantStudyRow row in result.Rows)
        {
            string ratios = string.Concat(Enumerable.Range(0, batchNorms).Select(k => k < row.VarianceRatios.Count
                ? $"  {Pm(row.VarianceRatios[k].DropoutOnOverOff),-15}  {Pm(row.VarianceRatios[k].RunningOverInference),-15}"
                : $"  {"-",-15}  {"-",-15}"));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{VariantNames.Name(row.Variant),-11}  {VariantNames.Name(row.BatchNorm),-14}  {VariantNames.Name(row.Activation),-4}  {Pm(row.Accuracy),-15}  {Pm(row.LogLoss),-15}  {Pm(row.Ece),-15}{ratios}").TrimEnd());
        }

        output.WriteLine();
        foreach (string line in Reading(result))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// Plain sentences: the best and worst log-loss, and for each variant run with both placements, which has the
    /// worse log-loss and the measured ratios of its batch normalizations.
    /// </summary>
    public static IReadOnlyList<string> Reading(VariantStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        VariantStudyRow best = result.Rows.MinBy(row => row.LogLoss.Mean)!;
        VariantStudyRow worst = result.Rows.MaxBy(row => row.LogLoss.Mean)!;
        if (result.Rows.Count > 1)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Lowest test log-loss: {Label(best)} ({best.LogLoss.Mean:0.000}); highest: {Label(worst)} ({worst.LogLoss.Mean:0.000})."));
        }

        foreach (DropoutVariant variant in result.Settings.Variants)
        {
            VariantStudyRow? before = result.Rows.FirstOrDefault(row => row.Variant == variant && row.BatchNorm == BatchNormPlacement.BeforeDropout);
            VariantStudyRow? after = result.Rows.FirstOrDefault(row => row.Variant == variant && row.BatchNorm == BatchNormPlacement.AfterDropout);
            if (before is null || after is null)
            {
                continue;
            }

            (VariantStudyRow worse, VariantStudyRow better) = after.LogLoss.Mean >= before.LogLoss.Mean ? (after, before) : (before, after);
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"With {VariantNames.Name(variant)} dropout, batch norm {VariantNames.Name(worse.BatchNorm)} has the worse log-loss ({worse.LogLoss.Mean:0.000} vs {better.LogLoss.Mean:0.000}); its input variance with dropout on/off is {Ratios(after, s => s.DropoutOnOverOff)} after dropout and {Ratios(before, s => s.DropoutOnOverOff)} before, running/inference {Ratios(after, s => s.RunningOverInference)} after and {Ratios(before, s => s.RunningOverInference)} before (BN1, BN2, …)."));
        }

        return lines;
    }

    private static string Label(VariantStudyRow row) => $"{VariantNames.Name(row.Variant)} with batch norm {VariantNames.Name(row.BatchNorm)}";

    private static string Ratios(VariantStudyRow row, Func<VarianceShiftSummary, MeanStd> pick) =>
        string.Join(", ", row.VarianceRatios.Select(summary => F2(pick(summary).Mean)));

    private static string Pm(MeanStd value) =>
        string.Create(CultureInfo.InvariantCulture, $"{F3(value.Mean)} ± {F3(value.Std)}");

    private static string F3(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string F2(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
