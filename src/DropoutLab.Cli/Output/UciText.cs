using System.Globalization;
using DropoutLab.Uci;

namespace DropoutLab.Cli.Output;

/// <summary>
/// <c>uci</c> as text: the run, one line per split (the grid point chosen on validation, then its test scores), and the
/// means ± standard errors over splits beside the published ones when the data set is in the paper's table.
/// </summary>
public static class UciText
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter output, UciResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        UciRunDescription run = result.Run;
        string shard = run.Shard.Count == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", shard {run.Shard.Index}/{run.Shard.Count}");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"UCI {run.Dataset}: {Plural.Of(run.Epochs, "epoch")}, {run.HiddenUnits} hidden units, {Plural.Of(run.McSamples, "Monte-Carlo sample")}, batch {run.BatchSize}, seed {run.Seed}; splits {Ranges(result.Splits.Select(split => split.Split))}{shard}."));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Grid: dropout rates {string.Join(',', run.DropoutRates.Select(F))} × τ {string.Join(',', run.TauValues.Select(F))}, chosen by validation log-likelihood."));
        output.WriteLine();
        string header = $"{"split",5}  {"dropout",7}  {"τ",8}  {"RMSE",9}  {"MC RMSE",9}  {"test LL",9}";
        output.WriteLine(header);
        output.WriteLine(new string('-', header.Length));
        foreach (UciSplitResult split in result.Splits)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{split.Split,5}  {F(split.DropoutRate),7}  {F(split.Tau),8}  {D(split.Rmse),9}  {D(split.McRmse),9}  {D(split.LogLikelihood),9}"));
        }

        output.WriteLine();
        output.WriteLine($"Mean ± standard error over {Plural.Of(result.Splits.Count, "split")}: RMSE {Pm(result.Rmse)}, MC RMSE {Pm(result.McRmse)}, test LL {Pm(result.LogLikelihood)}.");
        if (result.Published is { } published)
        {
            output.WriteLine($"Published (Gal & Ghahramani 2016, {published.Title}): MC RMSE {Pm(published.McRmse)} ({Verdict(result.McRmse, published.McRmse)}), test LL {Pm(published.LogLikelihood)} ({Verdict(result.LogLikelihood, published.LogLikelihood)}).");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wall time {result.Seconds:0.0} s."));
    }

    /// <summary>"0-4,7,9-10": the split indices as ranges.</summary>
    public static string Ranges(IEnumerable<int> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        int[] sorted = [.. splits.Order()];
        var parts = new List<string>();
        for (int start = 0; start < sorted.Length;)
        {
            int end = start;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            parts.Add(end == start
                ? sorted[start].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{sorted[start]}-{sorted[end]}"));
            start = end + 1;
        }

        return string.Join(',', parts);
    }

    private static string Verdict(MeanWithError ours, MeanWithError published) =>
        ours.Within(published, 2) ? "ours within 2 combined standard errors" : "ours outside 2 combined standard errors";

    private static string Pm(MeanWithError value) =>
        string.Create(CultureInfo.InvariantCulture, $"{D(value.Mean)} ± {D(value.StandardError)}");

    private static string D(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
