using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DropoutLab.Tests;

/// <summary>
/// <c>dropout-lab uci</c> on a 40-row folder the test writes (3 features, 3 splits, a 2 × 2 grid, 5 epochs, 20 passes):
/// the merge of three shards is the unsharded run bit for bit, the text report, the files of --out, and bad input.
/// </summary>
public class UciCliTests
{
    private static string[] Tiny(string dir, params string[] extra) =>
        ["uci", "--data", dir, "--epochs", "5", "--mc-samples", "20", "--hidden", "4", "--threads", "1", .. extra];

    private static string WriteFolder(TempFolder folder)
    {
        string dir = Path.Combine(folder.Path, "tiny");
        Directory.CreateDirectory(dir);
        var random = new System.Random(3);
        var rows = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            double a = (random.NextDouble() * 2) - 1, b = random.NextDouble() * 5, c = 10 + (random.NextDouble() * 10);
            double target = (2 * a) + (0.5 * b) - (0.1 * c) + (0.1 * (random.NextDouble() - 0.5));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{a:0.####} {b:0.####} {c:0.####} {target:0.####}"));
        }

        File.WriteAllText(Path.Combine(dir, "data.txt"), string.Join('\n', rows) + "\n");
        File.WriteAllText(Path.Combine(dir, "index_features.txt"), "0\n1\n2\n");
        File.WriteAllText(Path.Combine(dir, "index_target.txt"), "3\n");
        File.WriteAllText(Path.Combine(dir, "n_splits.txt"), "3\n");
        File.WriteAllText(Path.Combine(dir, "n_hidden.txt"), "50\n");
        File.WriteAllText(Path.Combine(dir, "n_epochs.txt"), "40\n");
        File.WriteAllText(Path.Combine(dir, "dropout_rates.txt"), "0.01\n0.1\n");
        File.WriteAllText(Path.Combine(dir, "tau_values.txt"), "0.5\n1\n");
        for (int k = 0; k < 3; k++)
        {
            int[] order = [.. Enumerable.Range(0, 40).OrderBy(_ => random.Next())];
            File.WriteAllText(Path.Combine(dir, $"index_train_{k}.txt"), string.Join('\n', order[..32]) + "\n");
            File.WriteAllText(Path.Combine(dir, $"index_test_{k}.txt"), string.Join('\n', order[32..]) + "\n");
        }

        return dir;
    }

    private static JsonObject WithoutRunFields(string json)
    {
        JsonObject document = JsonNode.Parse(json)!.AsObject();
        Assert.True(document.Remove("seconds"));
        Assert.True(document.Remove("shard"));
        return document;
    }

    [Fact]
    public void TheMergeOfThreeShardsIsTheUnshardedRunBitForBit()
    {
        using var folder = new TempFolder();
        string dir = WriteFolder(folder);
        CliRun whole = CliRunner.Run(Tiny(dir, "--json"));
        Assert.Equal(0, whole.ExitCode);
        var shards = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            CliRun shard = CliRunner.Run(Tiny(dir, "--shard", $"{i}/3", "--json"));
            Assert.Equal(0, shard.ExitCode);
            JsonElement root = JsonDocument.Parse(shard.Output).RootElement;
            Assert.Equal(i, root.GetProperty("shard").GetProperty("index").GetInt32());
            Assert.Equal([i], root.GetProperty("splits").EnumerateArray().Select(split => split.GetProperty("split").GetInt32()));
            shards.Add(folder.File($"shard-{i}.json", shard.Output));
        }

        // Merged in another order than the splits: the result is sorted by split.
        CliRun merged = CliRunner.Run(["uci", "merge", shards[2], shards[0], shards[1], "--json"]);
        Assert.Equal((0, string.Empty), (merged.ExitCode, merged.Error));
        JsonObject expected = WithoutRunFields(whole.Output), actual = WithoutRunFields(merged.Output);
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
        Assert.Equal(3, expected["splits"]!.AsArray().Count);
        Assert.Equal(4, expected["splits"]![0]!["grid"]!.AsArray().Count);
        Assert.Equal(5, expected["epochs"]!.GetValue<int>()); // --epochs overrides n_epochs.txt × 100
        Assert.Equal(4, expected["hiddenUnits"]!.GetValue<int>());
        Assert.Null(expected["published"]);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(merged.Output).RootElement.GetProperty("shard").ValueKind);

        // The JSON read back and written again is the same text: every double round-trips.
        CliRun again = CliRunner.Run(["uci", "merge", folder.File("whole.json", whole.Output), "--json"]);
        Assert.Equal(whole.Output, again.Output);
    }

    [Fact]
    public void TheTextReportHasARowPerSplitAndTheSummaryAndOutWritesTheFiles()
    {
        using var folder = new TempFolder();
        string dir = WriteFolder(folder);
        string outDir = Path.Combine(folder.Path, "out");
        CliRun run = CliRunner.Run(Tiny(dir, "--splits", "0,2", "--out", outDir));
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n');
        Assert.StartsWith("UCI tiny: 5 epochs, 4 hidden units, 20 Monte-Carlo samples, batch 128, seed 1; splits 0,2.", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("    0  ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("    2  ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("    1  ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Mean ± standard error over 2 splits: RMSE ", StringComparison.Ordinal) && line.Contains("MC RMSE", StringComparison.Ordinal) && line.Contains("test LL", StringComparison.Ordinal));
        Assert.DoesNotContain("Published", run.Output, StringComparison.Ordinal);
        Assert.Contains("Wrote uci-tiny.json, uci-tiny-predictions.csv, uci-tiny-uncertainty.png", run.Output, StringComparison.Ordinal);

        // 8 test rows per split, each a row of data.txt with its target.
        string[] csv = File.ReadAllLines(Path.Combine(outDir, "uci-tiny-predictions.csv"));
        Assert.Equal("split,row,target,mean,std", csv[0]);
        Assert.Equal(1 + 16, csv.Length);
        string[] data = File.ReadAllLines(Path.Combine(dir, "data.txt"));
        string[] first = csv[1].Split(',');
        Assert.Equal("0", first[0]);
        Assert.Equal(double.Parse(data[int.Parse(first[1], CultureInfo.InvariantCulture)].Split(' ')[3], CultureInfo.InvariantCulture), double.Parse(first[2], CultureInfo.InvariantCulture));
        Assert.All(csv.Skip(1), line => Assert.True(double.Parse(line.Split(',')[4], CultureInfo.InvariantCulture) > 0));
        byte[] png = File.ReadAllBytes(Path.Combine(outDir, "uci-tiny-uncertainty.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(3, Directory.GetFiles(outDir).Length);
    }

    [Theory]
    [InlineData(new[] { "--splits", "0,x" }, "--splits: 'x'")]
    [InlineData(new[] { "--splits", "2-1" }, "--splits: '2-1'")]
    [InlineData(new[] { "--splits", "0,," }, "--splits: ''")]
    [InlineData(new[] { "--splits", "3" }, "--splits must each be a split of the data set, 0 to 2, but got 3.")]
    [InlineData(new[] { "--splits", "1,1" }, "--splits")]
    [InlineData(new[] { "--shard", "3/3" }, "--shard must be i/n with 0 ≤ i < n (e.g. 0/3, 1/3, 2/3), but got '3/3'.")]
    [InlineData(new[] { "--shard", "x" }, "--shard must be i/n")]
    [InlineData(new[] { "--shard", "1/0" }, "--shard must be i/n")]
    [InlineData(new[] { "--shard", "3/4" }, "--shard 3/4 takes none of the 3 splits")]
    [InlineData(new[] { "--mc-samples", "0" }, "--mc-samples")]
    public void BadFlagsAreUsageErrorsNamingTheFlag(string[] extra, string expected)
    {
        using var folder = new TempFolder();
        CliRun run = CliRunner.Run(Tiny(WriteFolder(folder), extra));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFolderIsAUsageErrorAndABadOneADataError()
    {
        using var folder = new TempFolder();
        CliRun missing = CliRunner.Run(Tiny(Path.Combine(folder.Path, "nope")));
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("dropout-lab: error: --data: folder ", missing.Error, StringComparison.Ordinal);

        CliRun none = CliRunner.Run("uci");
        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("dropout-lab: error: --data is required", none.Error, StringComparison.Ordinal);

        string dir = WriteFolder(folder);
        File.Delete(Path.Combine(dir, "tau_values.txt"));
        CliRun bad = CliRunner.Run(Tiny(dir));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("tau_values.txt", bad.Error, StringComparison.Ordinal);
        Assert.Single(bad.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void MergeRefusesCorruptFilesOtherRunsAndASplitTwice()
    {
        using var folder = new TempFolder();
        string dir = WriteFolder(folder);
        string first = folder.File("first.json", CliRunner.Run(Tiny(dir, "--shard", "0/3", "--json")).Output);
        string corrupt = folder.File("corrupt.json", "{\"dataset\": \"tiny\"");
        string other = folder.File("other.json", CliRunner.Run(["uci", "--data", dir, "--epochs", "6", "--mc-samples", "20", "--hidden", "4", "--shard", "1/3", "--json"]).Output);

        CliRun broken = CliRunner.Run("uci", "merge", first, corrupt);
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith($"dropout-lab: error: {corrupt}: is not the JSON of 'dropout-lab uci'", broken.Error, StringComparison.Ordinal);

        CliRun foreign = CliRunner.Run("uci", "merge", first, other);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("part 2 is of another run: epochs 5 vs 6.", foreign.Error, StringComparison.Ordinal);

        CliRun twice = CliRunner.Run("uci", "merge", first, first);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("split 0 appears twice.", twice.Error, StringComparison.Ordinal);

        CliRun missing = CliRunner.Run("uci", "merge", Path.Combine(folder.Path, "absent.json"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("absent.json", missing.Error, StringComparison.Ordinal);
        Assert.All(new[] { broken, foreign, twice, missing }, run => Assert.Equal(string.Empty, run.Output));
    }
}
