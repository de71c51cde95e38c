using System.Globalization;
using DropoutLab.Layers;
using DropoutLab.Study;

namespace DropoutLab.Cli.Output;

/// <summary>The study as an aligned text table, one line per row, means ± standard deviations over seeds.</summary>
public static class StudyText
{
    /// <summary>Writes the table.</summary>
    public static void WriteTable(TextWriter output, StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        StudySettings settings = result.Settings;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Depth study: width {settings.Width}, {Plural.Of(settings.Seeds, "seed")}, {Plural.Of(settings.Iterations, "iteration")} at learning rate {F(settings.LearningRate)}, {(settings.Masks == Experiments.MaskPolicy.Fresh ? "fresh" : "fixed")} masks; data {result.TrainSource}, test {result.TestSource}."));
        output.WriteLine();
        string header = $"{"depth",5}  {"keep",5}  {"scaling",-8}  {"eval",-12}  {"test acc",-17}  {"test log-loss",-17}  {"ECE",-17}  {"mean |logit|",-17}  activation ratio by layer";
        output.WriteLine(header);
        output.WriteLine(new string('-', header.Length));
        foreach (StudyRow row in result.Rows)
        {
            string ratios = string.Join(" ", row.ActivationRatio.Select(ratio => double.IsNaN(ratio) ? "  n/a" : ratio.ToString("0.000", CultureInfo.InvariantCulture)));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.Depth,5}  {F(row.KeepProb),5}  {row.Scaling.ToName(),-8}  {row.EvalRule.ToName(),-12}  {Pm(row.TestAccuracy),-17}  {Pm(row.TestLogLoss),-17}  {Pm(row.Ece),-17}  {Pm(row.MeanAbsLogit),-17}  {ratios}"));
        }
    }

    private static string Pm(MeanStd value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Mean:0.000} ± {value.Std:0.000}");

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
