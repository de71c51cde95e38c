using System.Text.Json;
using DropoutLab.Data;

namespace DropoutLab.Tests;

public class StudyCliTests
{
    private static readonly string[] Tiny = ["study", "--depths", "1,2", "--keep-probs", "0.5", "--seeds", "1", "--iterations", "200"];

    // Tiny with the flags in extra replacing its own (each flag may be given once).
    private static string[] With(string[] extra)
    {
        var args = new List<string> { "study" };
        for (int i = 1; i < Tiny.Length; i += 2)
        {
            if (!extra.Contains(Tiny[i]))
            {
                args.Add(Tiny[i]);
                args.Add(Tiny[i + 1]);
            }
        }

        return [.. args, .. extra];
    }

    [Theory]
    [InlineData(new[] { "--depths", "" }, "--depths")]
    [InlineData(new[] { "--depths", "1,x" }, "'x'")]
    [InlineData(new[] { "--depths", "1,,2" }, "--depths")]
    [InlineData(new[] { "--depths", "0,1" }, "--depths")]
    [InlineData(new[] { "--depths", "2,2" }, "twice")]
    [InlineData(new[] { "--width", "0" }, "--width")]
    [InlineData(new[] { "--keep-probs", "" }, "--keep-probs")]
    [InlineData(new[] { "--keep-probs", "0.5,abc" }, "'abc'")]
    [InlineData(new[] { "--keep-probs", "0" }, "--keep-probs")]
    [InlineData(new[] { "--keep-probs", "1.2" }, "1.2")]
    [InlineData(new[] { "--scalings", "inverted,half" }, "'half'")]
    [InlineData(new[] { "--seeds", "0" }, "--seeds")]
    [InlineData(new[] { "--iterations", "0" }, "--iterations")]
    [InlineData(new[] { "--learning-rate", "-1" }, "--learning-rate")]
    [InlineData(new[] { "--threads", "0" }, "--threads")]
    [InlineData(new[] { "--masks", "sometimes" }, "sometimes")]
    [InlineData(new[] { "--data", "train.csv" }, "--test")]
    public void BadInputExitsTwoWithOneLineNamingIt(string[] extra, string named)
    {
        CliRun run = CliRunner.Run(With(extra));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTestFileIsADataError()
    {
        using var folder = new TempFolder();
        string train = folder.File("train.csv", "a,b,label\n1,2,0\n3,4,1\n");
        CliRun run = CliRunner.Run([.. Tiny, "--data", train, "--test", "/no/such/test.csv"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("/no/such/test.csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OutPointingAtAFileIsAUsageErrorAndWritesNothing()
    {
        using var folder = new TempFolder();
        string file = folder.File("taken", "x");
        CliRun run = CliRunner.Run([.. Tiny, "--out", file]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
        Assert.Equal(["taken"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void JsonOnStdoutHasTheDocumentedShapeAndDoesNotDependOnThreads()
    {
        CliRun one = CliRunner.Run([.. Tiny, "--json", "--threads", "1"]);
        CliRun two = CliRunner.Run([.. Tiny, "--json", "--threads", "2"]);
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(one.Output, two.Output);
        using JsonDocument document = JsonDocument.Parse(one.Output);
        JsonElement settings = document.RootElement.GetProperty("settings");
        Assert.Equal([1, 2], settings.GetProperty("depths").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(20, settings.GetProperty("width").GetInt32());
        Assert.Equal("fresh", settings.GetProperty("masks").GetString());
        Assert.Equal([0.5], settings.GetProperty("keepProbs").EnumerateArray().Select(k => k.GetDouble()));
        Assert.Equal(["inverted", "none"], settings.GetProperty("scalings").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(1, settings.GetProperty("seeds").GetInt32());
        Assert.Equal(200, settings.GetProperty("iterations").GetInt32());
        Assert.Equal(10, settings.GetProperty("calibrationBins").GetInt32());
        JsonElement[] rows = [.. document.RootElement.GetProperty("rows").EnumerateArray()];

        // One row per depth × keepProb × (inverted/plain, none/plain, none/at-inference), depth-major.
        Assert.Equal([1, 1, 1, 2, 2, 2], rows.Select(r => r.GetProperty("depth").GetInt32()));
        Assert.Equal(
            ["inverted/plain", "none/plain", "none/at-inference", "inverted/plain", "none/plain", "none/at-inference"],
            rows.Select(r => $"{r.GetProperty("scaling").GetString()}/{r.GetProperty("evalRule").GetString()}"));
        int testExamples = FootballData.Test().Count;
        foreach (JsonElement row in rows)
        {
            Assert.Equal(1, row.GetProperty("seeds").GetInt32());
            Assert.Equal(0.5, row.GetProperty("keepProb").GetDouble());
            foreach (string metric in new[] { "testAccuracy", "testLogLoss", "ece", "meanAbsLogit" })
            {
                Assert.Equal(0.0, row.GetProperty(metric).GetProperty("std").GetDouble());
            }

            // Accuracy is a count of the test examples over their number.
            double accuracy = row.GetProperty("testAccuracy").GetProperty("mean").GetDouble();
            Assert.InRange(accuracy, 0.0, 1.0);
            double correct = accuracy * testExamples;
            Assert.Equal(Math.Round(correct), correct, 1e-9);

            // A misclassified example has p ≤ 0.5 on its own label, so it adds at least ln 2 to the summed log-loss.
            double logLoss = row.GetProperty("testLogLoss").GetProperty("mean").GetDouble();
            Assert.True(logLoss >= (1 - accuracy) * Math.Log(2), $"log-loss {logLoss} below (1 − {accuracy})·ln 2");
            Assert.True(double.IsFinite(logLoss));
            Assert.InRange(row.GetProperty("ece").GetProperty("mean").GetDouble(), 0.0, 1.0);
            Assert.True(row.GetProperty("meanAbsLogit").GetProperty("mean").GetDouble() > 0);
            Assert.Equal(row.GetProperty("depth").GetInt32(), row.GetProperty("activationRatio").GetArrayLength());
        }

        // First hidden layer (its input has no dropout before it), inference mean over the training-time mean:
        // inverted ≈ 1; unscaled ≈ 1/keepProb = 2 with plain inference; weight scaling multiplies the inference mean
        // by keepProb over the same training-time mean, so none/at-inference = keepProb · none/plain up to rounding.
        for (int depth = 0; depth < 2; depth++)
        {
            double inverted = rows[3 * depth].GetProperty("activationRatio")[0].GetDouble();
            double plain = rows[(3 * depth) + 1].GetProperty("activationRatio")[0].GetDouble();
            double scaled = rows[(3 * depth) + 2].GetProperty("activationRatio")[0].GetDouble();
            Assert.InRange(inverted, 0.95, 1.05);
            Assert.InRange(plain, 1.9, 2.1);
            Assert.Equal(0.5 * plain, scaled, 1e-12);
        }
    }

    [Fact]
    public void OutWritesEveryFileWithoutTemporaries()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "new-folder");
        CliRun run = CliRunner.Run([.. Tiny, "--out", target]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("test log-loss", run.Output, StringComparison.Ordinal);
        string[] expected =
        [
            "activation-ratio-keep0.5.png", "activation-ratio-keep0.5.svg", "logloss-vs-depth-keep0.5.png", "logloss-vs-depth-keep0.5.svg",
            "study.csv", "study.json", "study.md",
        ];
        Assert.Equal(expected, Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string[] csv = File.ReadAllLines(Path.Combine(target, "study.csv"));
        Assert.Equal(7, csv.Length);
        Assert.StartsWith("depth,keepProb,scaling,evalRule,seeds,", csv[0], StringComparison.Ordinal);
        string markdown = File.ReadAllText(Path.Combine(target, "study.md"));
        Assert.Contains("dropout-lab study --depths 1,2 --width 20 --keep-probs 0.5", markdown, StringComparison.Ordinal);
        Assert.Contains("![", markdown, StringComparison.Ordinal);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "study.json")));
        Assert.Equal(6, document.RootElement.GetProperty("rows").GetArrayLength());
    }
}
