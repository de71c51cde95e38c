using System.Globalization;
using System.Text;
using DropoutLab.Cli.Plots;
using DropoutLab.Data;
using DropoutLab.Uci;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The files of <c>uci --out DIR</c>: the JSON (<c>uci-NAME.json</c>, or <c>uci-NAME-shard-I-of-N.json</c> for a
/// shard), the test predictions of every split run (<c>uci-NAME-predictions.csv</c>: split,row,target,mean,std, row
/// the 0-based row of data.txt) and the
/// uncertainty figure of the first split (<c>uci-NAME-uncertainty.png</c>); <c>uci merge --out DIR</c> writes the JSON only.
/// </summary>
public static class UciFiles
{
    /// <summary>The JSON file name of a run.</summary>
    public static string JsonName(string dataset, UciShard shard) =>
        shard.Count == 1
            ? $"uci-{dataset}.json"
            : string.Create(CultureInfo.InvariantCulture, $"uci-{dataset}-shard-{shard.Index}-of-{shard.Count}.json");

    /// <summary>The file names a run writes (with predictions) or a merge writes (without), in writing order.</summary>
    public static IReadOnlyList<string> Names(string dataset, UciShard shard, bool withPredictions) =>
        withPredictions
            ? [JsonName(dataset, shard), $"uci-{dataset}-predictions.csv", $"uci-{dataset}-uncertainty.png"]
            : [JsonName(dataset, shard)];

    /// <summary>
    /// Writes the files to <paramref name="folder"/> (created if missing), each through a temporary file, the predictions
    /// and figure only with the <paramref name="dataset"/> that was run; returns their names.
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, UciResult result, UciDataset? dataset)
    {
        bool withPredictions = dataset is not null;
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--out: cannot create folder '{folder}': {ex.Message}", ex);
        }

        IReadOnlyList<string> names = Names(result.Run.Dataset, result.Run.Shard, withPredictions);
        AtomicFile.WriteText(Path.Combine(folder, names[0]), JsonText.Build(writer => UciJson.Write(writer, result)) + "\n");
        if (withPredictions)
        {
            AtomicFile.WriteText(Path.Combine(folder, names[1]), PredictionsCsv(result, dataset!));
            PlotWriter.Save(UciUncertaintyPlot.Build(result.Run.Dataset, result.Splits[0]), Path.Combine(folder, names[2]), UciUncertaintyPlot.Width, UciUncertaintyPlot.Height);
        }

        return names;
    }

    /// <summary>split,row,target,mean,std: every test row of every split run (row = its 0-based row of data.txt), shortest round-trip digits.</summary>
    public static string PredictionsCsv(UciResult result, UciDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(dataset);
        var text = new StringBuilder("split,row,target,mean,std\n");
        foreach (UciSplitResult split in result.Splits)
        {
            UciTestPredictions predictions = split.TestPredictions ?? throw new ArgumentException($"split {split.Split} carries no test predictions.", nameof(result));
            IReadOnlyList<int> rows = dataset.Splits[split.Split].TestRows;
            for (int i = 0; i < predictions.Mean.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{split.Split},{rows[i]},{R(predictions.Targets[i])},{R(predictions.Mean[i])},{R(predictions.StandardDeviation[i])}\n");
            }
        }

        return text.ToString();
    }

    private static string R(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
