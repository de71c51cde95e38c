using System.CommandLine;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Data;
using DropoutLab.Uci;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// <c>dropout-lab uci</c>: Gal and Ghahramani's UCI regression protocol on a folder of their layout (a grid of dropout
/// rate × τ chosen on validation log-likelihood, then MC-dropout test RMSE and log-likelihood per split), optionally
/// one shard of the splits; <c>uci merge</c> joins the shards' JSON into the result of the unsharded run.
/// </summary>
public static class UciCommand
{
    /// <summary>Builds the command and its <c>merge</c> subcommand.</summary>
    public static Command Create(CliOutput io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var data = new Option<string?>("--data") { Description = "A folder in the UCI layout of Gal and Ghahramani (data.txt, index_features.txt, index_target.txt, index_train_K.txt, index_test_K.txt, n_splits.txt, n_hidden.txt, n_epochs.txt, dropout_rates.txt, tau_values.txt); required" };
        var splits = new Option<string?>("--splits") { Description = "Splits to run, e.g. 0-19, 0,3,5 or 2-4,7 (default: every split of the folder)" };
        var epochs = CliOptions.OptionalInteger("--epochs", $"Training epochs of every network (default: the folder's n_epochs.txt × {UciSettings.EpochsMultiplier})");
        var mcSamples = CliOptions.Integer("--mc-samples", new UciSettings().McSamples, "Monte-Carlo dropout passes per test prediction");
        var hidden = CliOptions.OptionalInteger("--hidden", "Units of the one hidden layer (default: the folder's n_hidden.txt)");
        var threads = CliOptions.OptionalInteger("--threads", "Splits trained in parallel (default: all cores); results do not depend on it");
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n, i/n with 0 ≤ i < n: every n-th of the listed splits, starting at the i-th; join the shards with 'uci merge'" };
        var seed = CliOptions.UInt64("--seed", 1, "Seed of every initialization, shuffle and mask of the run");
        var json = new Option<bool>("--json") { Description = "Print the JSON document instead of the table" };
        var outFolder = new Option<DirectoryInfo?>("--out") { Description = "Also write uci-NAME.json (uci-NAME-shard-I-of-N.json for a shard), uci-NAME-predictions.csv and uci-NAME-uncertainty.png to this folder (created if missing)" };
        var command = new Command("uci", "The UCI regression benchmark of Gal & Ghahramani (2016): per split, a dropout rate × τ grid chosen on validation log-likelihood, then test RMSE, MC-dropout RMSE and test log-likelihood; means ± standard errors over splits beside the published ones.")
        {
            data, splits, epochs, mcSamples, hidden, threads, shard, seed, json, outFolder,
        };
        command.Subcommands.Add(CreateMerge(io));
        command.SetAction(parsed =>
        {
            string folder = parsed.GetValue(data) ?? throw new UsageException("--data is required: a folder in the UCI layout (e.g. --data shared/data/uci/yacht).");
            if (!Directory.Exists(folder))
            {
                throw new UsageException(File.Exists(folder)
                    ? $"--data: '{CliNumbers.Show(folder)}' is a file, not a folder in the UCI layout."
                    : $"--data: folder '{CliNumbers.Show(folder)}' does not exist.");
            }

            var settings = new UciSettings
            {
                Splits = parsed.GetValue(splits) is { } list ? ParseSplits(list) : null,
                Epochs = parsed.GetValue(epochs),
                HiddenUnits = parsed.GetValue(hidden),
                McSamples = parsed.GetValue(mcSamples),
                Threads = parsed.GetValue(threads) ?? 0,
                Shard = parsed.GetValue(shard) is { } shardText ? ParseShard(shardText) : UciShard.All,
                Seed = parsed.GetValue(seed),
            };
            DirectoryInfo? output = parsed.GetValue(outFolder);
            if (output is not null && File.Exists(output.FullName))
            {
                throw new UsageException($"--out: '{output}' is a file, not a folder.");
            }

            UciDataset dataset = UciDataset.Load(folder);
            settings.Validate(dataset.Splits.Count);
            IReadOnlyList<int> taken = UciProtocol.SplitsTaken(dataset, settings);
            if (taken.Count == 0)
            {
                int listed = settings.Splits?.Count ?? dataset.Splits.Count;
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--shard {settings.Shard.Index}/{settings.Shard.Count} takes none of the {Plural.Of(listed, "split")} listed; use at most {listed} shards."));
            }

            new OutputGuard()
                .InputFolder("--data", folder, Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>())
                .OutputFolder("--out", output?.FullName, UciFiles.Names(dataset.Name, settings.Shard, withPredictions: true))
                .Check();
            int total = taken.Count * ((dataset.DropoutRates.Count * dataset.TauValues.Count) + 1), finished = 0;
            CancellationToken cancellation = io.Interruption.Honour();
            UciResult result;
            try
            {
                result = StudyProgress.Run<UciProgress, UciResult>(io, $"uci {dataset.Name}", "training", total, progress => UciProtocol.Run(dataset, settings, step =>
                {
                    Interlocked.Increment(ref finished);
                    progress(step);
                }, cancellation));
            }
            catch (Exception ex) when (io.Interruption.IsRequested && IsCancellation(ex))
            {
                // The files are written only after the last split, so an interrupted run has written none.
                throw new InterruptedRunException($"interrupted after {finished} of {Plural.Of(total, "training")}; nothing written", io.Interruption.ExitCode, ex);
            }

            Report(io, result, parsed.GetValue(json), output, dataset);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// "0-19", "0,3,5", "2-4,7": split indices and inclusive ranges, in the order given (whether they are splits of the
    /// folder, and whether one is listed twice, is <see cref="UciSettings.Validate"/>'s check).
    /// </summary>
    /// <exception cref="UsageException">An item is neither a whole number nor a range low-high with low ≤ high.</exception>
    public static int[] ParseSplits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim(' ').Length == 0)
        {
            throw new UsageException("--splits: the list is empty.");
        }

        var values = new List<int>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim(' ');
            int dash = item.IndexOf('-', 1 < item.Length ? 1 : 0);
            if (item.Length > 0 && dash > 0
                && CliNumbers.TryParseInt32("--splits", item[..dash], out int low) is null
                && CliNumbers.TryParseInt32("--splits", item[(dash + 1)..], out int high) is null
                && low >= 0 && low <= high)
            {
                values.AddRange(Enumerable.Range(low, high - low + 1));
            }
            else if (item.Length > 0 && dash < 0 && item.All(char.IsAsciiDigit) && CliNumbers.TryParseInt32("--splits", item, out int split) is null)
            {
                values.Add(split);
            }
            else
            {
                throw new UsageException($"--splits: '{CliNumbers.Show(item)}' is not a split index or a range low-high with 0 ≤ low ≤ high (in '{CliNumbers.Show(text)}').");
            }
        }

        return [.. values];
    }

    /// <summary>"i/n" with 0 ≤ i &lt; n.</summary>
    /// <exception cref="UsageException">Anything else.</exception>
    public static UciShard ParseShard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && parts.All(part => part.Length > 0 && part.All(char.IsAsciiDigit))
            && CliNumbers.TryParseInt32("--shard", parts[0], out int index) is null
            && CliNumbers.TryParseInt32("--shard", parts[1], out int count) is null
            && new UciShard(index, count).IsValid)
        {
            return new UciShard(index, count);
        }

        throw new UsageException($"--shard must be i/n with 0 ≤ i < n (e.g. 0/3, 1/3, 2/3), but got '{CliNumbers.Show(text)}'.");
    }

    private static Command CreateMerge(CliOutput io)
    {
        var files = new Argument<string[]>("FILE") { Description = "JSON files written by 'uci --json' or 'uci --out' (one per shard)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the JSON document instead of the table" };
        var outFolder = new Option<DirectoryInfo?>("--out") { Description = "Also write uci-NAME.json to this folder (created if missing)" };
        var command = new Command("merge", "Join the JSON of the shards of one 'uci' run (same data set and settings, each split once) into the result the unsharded run prints.")
        {
            files, json, outFolder,
        };
        command.SetAction(parsed =>
        {
            string[] paths = parsed.GetValue(files)!;
            DirectoryInfo? output = parsed.GetValue(outFolder);
            if (output is not null && File.Exists(output.FullName))
            {
                throw new UsageException($"--out: '{output}' is a file, not a folder.");
            }

            UciResult[] parts = [.. paths.Select(UciJson.Read)];
            UciResult merged;
            try
            {
                merged = UciResult.Merge(parts);
            }
            catch (ArgumentException ex)
            {
                throw new DataFormatException($"cannot merge {string.Join(", ", paths)}: {Reason(ex)}", ex);
            }

            var guard = new OutputGuard();
            foreach (string path in paths)
            {
                guard.Input("FILE", path);
            }

            guard.OutputFolder("--out", output?.FullName, UciFiles.Names(merged.Run.Dataset, merged.Run.Shard, withPredictions: false)).Check();
            Report(io, merged, parsed.GetValue(json), output, dataset: null);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Report(CliOutput io, UciResult result, bool json, DirectoryInfo? output, UciDataset? dataset)
    {
        IReadOnlyList<string> written = output is null ? [] : UciFiles.Write(output.FullName, result, dataset);
        if (json)
        {
            io.Out.WriteLine(JsonText.Build(writer => UciJson.Write(writer, result)));
            return;
        }

        UciText.Write(io.Out, result);
        if (output is not null)
        {
            io.Out.WriteLine();
            io.Out.WriteLine($"Wrote {string.Join(", ", written)} to {output.FullName}.");
        }
    }

    // The message without .NET's " (Parameter 'name')".
    private static string Reason(ArgumentException exception) =>
        exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : exception.Message;

    private static bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException
        || (exception is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(inner => inner is OperationCanceledException));
}
