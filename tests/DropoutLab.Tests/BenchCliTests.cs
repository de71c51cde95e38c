using System.Text.Json;

namespace DropoutLab.Tests;

public class BenchCliTests
{
    [Fact]
    public void MlpWithATinyNetworkPrintsPositiveRates()
    {
        CliRun run = CliRunner.Run("bench", "mlp", "--layers", "6,5,3", "--keep-probs", "0.8,0.5", "--batch-size", "4", "--steps", "3", "--warmup", "1", "--threads", "1", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.True(root.GetProperty("stepsPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("gflops").GetDouble() > 0);
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(3, root.GetProperty("steps").GetInt32());
        Assert.Equal(4, root.GetProperty("batchSize").GetInt32());
        Assert.Equal([6, 5, 3], root.GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()));

        // 6·B·Σ nₗ·nₗ₋₁ = 6·4·(5·6 + 3·5)
        Assert.Equal(6.0 * 4 * ((5 * 6) + (3 * 5)), root.GetProperty("flopsPerStep").GetDouble());
        Assert.True(double.IsFinite(root.GetProperty("lastLoss").GetDouble()));
    }

    [Fact]
    public void DropoutPrintsPositiveThroughput()
    {
        CliRun run = CliRunner.Run("bench", "dropout", "--elements", "1000", "--repeat", "3", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.True(root.GetProperty("gigabytesPerSecond").GetDouble() > 0);
        Assert.Equal(8000, root.GetProperty("bytesPerCall").GetDouble());
        Assert.Equal("dropout", root.GetProperty("kernel").GetString());
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

        // 2·m·n·k per call
        Assert.Equal(2.0 * 5 * 3 * 7, root.GetProperty("flopsPerCall").GetDouble());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("gflops").GetDouble() > 0);
        Assert.True(root.GetProperty("bestGflops").GetDouble() >= root.GetProperty("gflops").GetDouble() * 0.999);
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
}
