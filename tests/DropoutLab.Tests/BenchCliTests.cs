using System.Text.Json;

namespace DropoutLab.Tests;

public class BenchCliTests
{
    [Fact]
    public void MlpJsonFieldsAreConsistentWithTheSettingsAndWithEachOther()
    {
        string[] args = ["bench", "mlp", "--layers", "6,5,3", "--keep-probs", "0.8,0.5", "--batch-size", "4", "--steps", "3", "--warmup", "1", "--json"];
        CliRun run = CliRunner.Run([.. args, "--threads", "1"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(
            ["engine", "layers", "keepProbs", "dropout", "activation", "batchNorm", "maskShare", "batchSize", "threads", "warmup", "steps", "seconds", "stepsPerSecond", "flopsPerStep", "gflops", "lastLoss"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dropout-lab", root.GetProperty("engine").GetString());
        Assert.Equal([6, 5, 3], root.GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0.8, 0.5], root.GetProperty("keepProbs").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(4, root.GetProperty("batchSize").GetInt32());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(1, root.GetProperty("warmup").GetInt32());
        Assert.Equal(3, root.GetProperty("steps").GetInt32());

        // 6·B·Σ nₗ·nₗ₋₁ = 6·4·(5·6 + 3·5)
        Assert.Equal(6.0 * 4 * ((5 * 6) + (3 * 5)), root.GetProperty("flopsPerStep").GetDouble());

        // The rates are the counts over the measured seconds: steps/s = 3 / seconds, GFLOP/s = flopsPerStep·3 / seconds / 10⁹.
        double seconds = root.GetProperty("seconds").GetDouble();
        Assert.True(seconds > 0 && double.IsFinite(seconds));
        AssertRelative(3 / seconds, root.GetProperty("stepsPerSecond").GetDouble());
        AssertRelative(root.GetProperty("flopsPerStep").GetDouble() * 3 / seconds / 1e9, root.GetProperty("gflops").GetDouble());

        // The loss is a mean cross-entropy (> 0) and, like training, does not depend on the thread count.
        double lastLoss = root.GetProperty("lastLoss").GetDouble();
        Assert.True(lastLoss > 0 && double.IsFinite(lastLoss), $"lastLoss {lastLoss}");
        CliRun twoThreads = CliRunner.Run([.. args, "--threads", "2"]);
        using JsonDocument other = JsonDocument.Parse(twoThreads.Output);
        Assert.Equal(lastLoss, other.RootElement.GetProperty("lastLoss").GetDouble());
        Assert.Equal(2, other.RootElement.GetProperty("threads").GetInt32());
    }

    [Fact]
    public void MlpTextLineNamesTheNetworkAndItsFlopCount()
    {
        CliRun run = CliRunner.Run("bench", "mlp", "--layers", "500,500,2", "--keep-probs", "0.8,0.5", "--batch-size", "100", "--steps", "1", "--warmup", "0", "--threads", "1");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("mlp 500-500-2, batch 100, 1 step in ", run.Output, StringComparison.Ordinal);

        // 6·100·(500·500 + 2·500) = 150 600 000 FLOPs per step.
        Assert.EndsWith("(0.151 GFLOP per step)", run.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gaussian", "relu", "none", "element", " (gaussian dropout), batch 20, 2 steps in", "gaussian")]
    [InlineData("alpha", "selu", "after-dropout", "feature", " (alpha dropout, selu, batch norm after-dropout, feature-shared masks), batch 20", "alpha")]
    [InlineData("dropconnect", "relu", "before-dropout", "element", " (dropconnect dropout, batch norm before-dropout), batch 20", "dropconnect")]
    public void MlpTimesEveryVariantAndNamesIt(string dropout, string activation, string batchNorm, string maskShare, string named, string jsonName)
    {
        string[] common = ["bench", "mlp", "--layers", "30,20,3", "--keep-probs", "0.8,0.5", "--batch-size", "20", "--steps", "2", "--warmup", "1", "--threads", "1", "--dropout", dropout, "--activation", activation, "--batchnorm", batchNorm, "--mask-share", maskShare];
        CliRun text = CliRunner.Run(common);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.StartsWith("mlp 30-20-3" + named[..Math.Min(named.Length, 30)], text.Output, StringComparison.Ordinal);
        CliRun run = CliRunner.Run([.. common, "--json"]);
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.Equal(jsonName, document.RootElement.GetProperty("dropout").GetString());
        Assert.Equal(batchNorm, document.RootElement.GetProperty("batchNorm").GetString());
        Assert.Equal(maskShare, document.RootElement.GetProperty("maskShare").GetString());
        Assert.True(double.IsFinite(document.RootElement.GetProperty("lastLoss").GetDouble()));
    }

    [Fact]
    public void MlpBaselineAlternatesWithBernoulliAndReportsTheTimeRatio()
    {
        CliRun run = CliRunner.Run("bench", "mlp", "--layers", "30,20,3", "--keep-probs", "0.8,0.5", "--batch-size", "20", "--steps", "7", "--warmup", "1", "--threads", "1", "--dropout", "gaussian", "--baseline", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(5, root.GetProperty("rounds").GetInt32());
        Assert.Equal(10, root.GetProperty("steps").GetInt32()); // ⌈7 / 5⌉ = 2 steps a round
        double ratio = root.GetProperty("timeRatio").GetDouble(), baseline = root.GetProperty("baselineStepsPerSecond").GetDouble();
        Assert.Equal(baseline / root.GetProperty("stepsPerSecond").GetDouble(), ratio, 9);
        CliRun text = CliRunner.Run("bench", "mlp", "--layers", "30,20,3", "--keep-probs", "0.8,0.5", "--batch-size", "20", "--steps", "5", "--warmup", "0", "--threads", "1", "--dropout", "dropconnect", "--baseline");
        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"; \d+\.\d\d× the time of a Bernoulli step \(\d+\.\d steps/s, alternating in 5 rounds\)$", text.Output.TrimEnd());
        Assert.DoesNotContain("timeRatio", CliRunner.Run("bench", "mlp", "--layers", "30,20,3", "--keep-probs", "0.8,0.5", "--steps", "1", "--warmup", "0", "--json").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MlpRefusesAlphaWithoutSeluNamingTheFlags()
    {
        CliRun run = CliRunner.Run("bench", "mlp", "--layers", "30,20,3", "--keep-probs", "0.8,0.5", "--steps", "1", "--dropout", "alpha");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--activation", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void DropoutJsonFieldsAreConsistentWithTheSettingsAndWithEachOther()
    {
        CliRun run = CliRunner.Run("bench", "dropout", "--elements", "1000", "--repeat", "3", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(
            ["engine", "kernel", "elements", "keepProb", "threads", "repeat", "bytesPerCall", "seconds", "gigabytesPerSecond", "bestGigabytesPerSecond"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dropout-lab", root.GetProperty("engine").GetString());
        Assert.Equal("dropout", root.GetProperty("kernel").GetString());
        Assert.Equal(1000, root.GetProperty("elements").GetInt32());
        Assert.Equal(0.5, root.GetProperty("keepProb").GetDouble());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.Equal(3, root.GetProperty("repeat").GetInt32());

        // 4·N bytes read + 4·N written per call.
        Assert.Equal(8000, root.GetProperty("bytesPerCall").GetDouble());
        double seconds = root.GetProperty("seconds").GetDouble();
        Assert.True(seconds > 0 && double.IsFinite(seconds));
        double rate = root.GetProperty("gigabytesPerSecond").GetDouble();
        AssertRelative(8000.0 * 3 / seconds / 1e9, rate);

        // The fastest of the 3 timed calls takes at most a third of their total time.
        Assert.True(root.GetProperty("bestGigabytesPerSecond").GetDouble() >= rate * (1 - 1e-12));
    }

    [Fact]
    public void FusedReluDropoutTextLineNamesTheKernel()
    {
        CliRun run = CliRunner.Run("bench", "dropout", "--elements", "200", "--repeat", "2", "--relu");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("relu-dropout forward, 200 float32", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--layers", "784,x", "--layers")]
    [InlineData("--layers", "784", "--layers")]
    [InlineData("--layers", "784,1", "--layers")]
    [InlineData("--keep-probs", "0.8,0.5", "--keep-probs")]
    [InlineData("--keep-probs", "0.8,0,0.5", "--keep-probs")]
    [InlineData("--steps", "0", "--steps")]
    [InlineData("--batch-size", "-3", "--batch-size")]
    [InlineData("--threads", "-1", "--threads")]
    public void MlpBadFlagsExitTwoNamingTheFlag(string flag, string value, string named)
    {
        CliRun run = CliRunner.Run("bench", "mlp", flag, value, "--steps", flag == "--steps" ? value : "1", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--elements", "0")]
    [InlineData("--keep-prob", "1.5")]
    [InlineData("--repeat", "0")]
    [InlineData("--threads", "-2")]
    public void DropoutBadFlagsExitTwoNamingTheFlag(string flag, string value)
    {
        CliRun run = CliRunner.Run("bench", "dropout", flag, value, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(flag, line, StringComparison.Ordinal);
    }

    [Fact]
    public void GemmPrintsTheJsonFieldsOfItsPeer()
    {
        CliRun run = CliRunner.Run("bench", "gemm", "--m", "5", "--k", "7", "--n", "3", "--repeat", "2", "--warmup", "1", "--threads", "1", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal("dropout-lab", root.GetProperty("engine").GetString());
        Assert.Contains(root.GetProperty("kernel").GetString(), new[] { "avx512", "avx2", "portable" });
        Assert.Equal(5, root.GetProperty("m").GetInt32());
        Assert.Equal(7, root.GetProperty("k").GetInt32());
        Assert.Equal(3, root.GetProperty("n").GetInt32());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(2, root.GetProperty("repeat").GetInt32());

        Assert.Equal(1, root.GetProperty("warmup").GetInt32());
        Assert.Equal(
            ["engine", "kernel", "m", "k", "n", "threads", "warmup", "repeat", "flopsPerCall", "seconds", "gflops", "bestSeconds", "bestGflops"],
            root.EnumerateObject().Select(p => p.Name));

        // 2·m·n·k per call; gflops = 2·m·n·k·repeat / seconds / 10⁹ and bestGflops = 2·m·n·k / bestSeconds / 10⁹.
        Assert.Equal(2.0 * 5 * 3 * 7, root.GetProperty("flopsPerCall").GetDouble());
        double seconds = root.GetProperty("seconds").GetDouble(), best = root.GetProperty("bestSeconds").GetDouble();
        Assert.True(seconds > 0 && double.IsFinite(seconds));
        Assert.True(best > 0 && double.IsFinite(best));
        AssertRelative(210.0 * 2 / seconds / 1e9, root.GetProperty("gflops").GetDouble());
        AssertRelative(210.0 / best / 1e9, root.GetProperty("bestGflops").GetDouble());

        // The fastest of the 2 timed calls takes at most half of their total time.
        Assert.True(2 * best <= seconds * (1 + 1e-12), $"best call {best} s, both calls {seconds} s");
    }

    [Fact]
    public void GemmThreadsZeroMeansEveryProcessor_AndTheTextLineNamesTheShape()
    {
        CliRun json = CliRunner.Run("bench", "gemm", "--m", "2", "--k", "3", "--n", "4", "--repeat", "1", "--threads", "0", "--json");
        Assert.Equal(0, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.Output);
        Assert.Equal(Environment.ProcessorCount, document.RootElement.GetProperty("threads").GetInt32());

        CliRun text = CliRunner.Run("bench", "gemm", "--m", "2", "--k", "3", "--n", "4", "--repeat", "1");
        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("gemm 2×3·3×4 float32", text.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--m", "0")]
    [InlineData("--k", "-1")]
    [InlineData("--n", "x")]
    [InlineData("--threads", "-1")]
    [InlineData("--repeat", "0")]
    [InlineData("--warmup", "-1")]
    public void GemmBadFlagsExitTwoNamingTheFlag(string flag, string value)
    {
        CliRun run = CliRunner.Run("bench", "gemm", flag, value, "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(flag, line, StringComparison.Ordinal);
    }

    [Fact]
    public void GemmTooLargeExitsTwoBeforeAllocating()
    {
        CliRun run = CliRunner.Run("bench", "gemm", "--m", "100000", "--k", "100000", "--n", "1", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("--m", line, StringComparison.Ordinal);
    }

    // Equal to within rounding of the division order.
    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
