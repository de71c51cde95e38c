using DropoutLab.Cli;
using DropoutLab.Cli.Output;
using DropoutLab.Settings;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>Sizes are checked before anything is allocated; nothing here allocates what it estimates.</summary>
public sealed class MemoryBudgetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] Train(params string[] more)
    {
        string train = _folder.File("train.csv", SyntheticImages.Csv(SyntheticImages.Labeled(60, 1), withLabel: true));
        string test = _folder.File("test.csv", SyntheticImages.Csv(SyntheticImages.Labeled(30, 2), withLabel: true));
        return ["train", "--data", train, "--test", test, "--epochs", "1", .. more];
    }

    private static void AssertUsage(CliRun run, params string[] words)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        foreach (string word in words)
        {
            Assert.Contains(word, run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AWeightMatrixTooLargeForAnArrayIsASettingErrorNotAnOverflow()
    {
        AssertUsage(CliRunner.Run(Train("--layers", "8,2000000000,3")), "--layers", "8,2000000000,3");
        Assert.Equal(SettingNames.Layers, Assert.Throws<SettingException>(() => new MlpSettings { Layers = [8, 2_000_000_000, 3], KeepProbs = [1, 1] }.Validate()).Setting);
        Assert.Equal(SettingNames.BatchSize, Assert.Throws<SettingException>(() => new MlpSettings { Layers = [8, 1_000_000, 3], KeepProbs = [1, 1], BatchSize = 5000 }.Validate()).Setting);
    }

    [Fact]
    public void BenchDropoutBeyondTheLargestArrayIsASettingError() =>
        AssertUsage(CliRunner.Run("bench", "dropout", "--elements", "2147483647"), "--elements", "2147483647");

    [Fact]
    public void HugeTrainingIsRefusedWithTheEstimateAndTheLimit() =>
        AssertUsage(CliRunner.Run(Train("--layers", "8,30000,30000,3", "--max-memory", "1GiB")), "900,390,003 parameters", "GiB", "--max-memory 1GiB");

    [Fact]
    public void HugeStudyAndBenchMlpAreRefusedBeforeTheyStart()
    {
        AssertUsage(CliRunner.Run("study", "--depths", "100000", "--width", "2000"), "TiB", "--max-memory");
        AssertUsage(CliRunner.Run("bench", "mlp", "--layers", "784,100000,10", "--keep-probs", "0.8,0.5", "--max-memory", "64MiB"), "--max-memory 64MiB");
        AssertUsage(CliRunner.Run("bench", "dropout", "--elements", "1000", "--max-memory", "4KiB"), "7.9 KiB", "4.0 KiB");
    }

    [Fact]
    public void AMaxMemoryThatIsNotASizeIsAUsageError() =>
        AssertUsage(CliRunner.Run("bench", "dropout", "--elements", "10", "--max-memory", "4XB"), "--max-memory", "4XB");

    [Fact]
    public void SmallWorkWithinTheLimitRunsSilently()
    {
        CliRun run = CliRunner.Run("bench", "dropout", "--elements", "1000", "--repeat", "1", "--max-memory", "1MiB");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void TheMlpEstimateFollowsItsFormula()
    {
        var sgd = new MlpSettings { Layers = [2, 3, 2], KeepProbs = [1, 1], BatchSize = 4, Optimizer = OptimizerKind.Sgd, LearningRate = 0.1 };
        MemoryEstimate plain = MemoryEstimate.ForMlp(sgd, 4, 100);

        // P = 2·3 + 3 + 3·2 + 2 = 17; bytes = 4·(2·17 + 8·4·(2 + 3 + 2)) + 100.
        Assert.Equal(17, plain.Parameters);
        Assert.Equal((4 * ((2 * 17) + (8 * 4 * 7))) + 100, plain.Bytes);
        var adam = new MlpSettings { Layers = [2, 3, 2], KeepProbs = [1, 1], BatchSize = 4, Optimizer = OptimizerKind.Adam };
        Assert.Equal(8 * ((4 * 17) + (8 * 4 * 7)), MemoryEstimate.ForMlp(adam, 8, 0).Bytes);
        Assert.Equal((8 * 64) + 8, MemoryEstimate.ForDropoutKernel(64).Bytes);
    }

    [Fact]
    public void TheStudyEstimateGrowsWithParallelRunsUpToTheRunCount()
    {
        var settings = new StudySettings { Depths = [1, 3], Width = 10, KeepProbs = [0.5], Scalings = [DropoutLab.Layers.DropoutScaling.Inverted], Seeds = 1 };
        long one = MemoryEstimate.ForStudy(settings, 100, 50, 2, 1).Bytes;
        long two = MemoryEstimate.ForStudy(settings, 100, 50, 2, 2).Bytes;
        Assert.True(two > one);
        Assert.Equal(two, MemoryEstimate.ForStudy(settings, 100, 50, 2, 8).Bytes);

        // One run of depth 3 at a time: P = 2·10 + 2·100 + 3·10 + 10 + 1 = 261; 8·(2·261 + 6·100·3·10) + 8·150·3 of data.
        Assert.Equal((8 * ((2 * 261) + (6 * 100 * 3 * 10))) + (8 * 150 * 3), one);
        Assert.Equal(SettingNames.Width, Assert.Throws<SettingException>(() => new StudySettings { Width = 50_000 }.Validate()).Setting);
    }

    [Fact]
    public void LargeAllowedWorkIsAnnouncedInOneLineAndWorkAboveTheLimitIsRefused()
    {
        MemoryEstimate large = MemoryEstimate.ForDropoutKernel(Array.MaxLength);
        using var error = new StringWriter();
        MemoryBudget.Check(large, "timing dropout", long.MaxValue, "test", error);
        Assert.StartsWith("dropout-lab: timing dropout: about 16.2 GiB of memory", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));

        using var quiet = new StringWriter();
        MemoryBudget.Check(MemoryEstimate.ForDropoutKernel(1000), "timing dropout", long.MaxValue, "test", quiet);
        Assert.Equal(string.Empty, quiet.ToString());

        UsageException refused = Assert.Throws<UsageException>(() => MemoryBudget.Check(large, "timing dropout", 1L << 30, "the test limit", quiet));
        Assert.Contains("16.2 GiB", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the test limit", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4GiB", 4L << 30)]
    [InlineData("4g", 4L << 30)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("1.5KiB", 1536L)]
    [InlineData("100", 100L)]
    public void SizesParseInBinaryAndDecimalUnits(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1GiB")]
    [InlineData("4XB")]
    [InlineData("")]
    [InlineData("99999999999TiB")]
    public void NonSizesDoNotParse(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Fact]
    public void TheDefaultLimitIsEightyPercentOfTheAvailableMemory()
    {
        (long bytes, string source) = MemoryBudget.Limit(null);
        Assert.Equal((long)(MemoryBudget.AvailableBytes() * 0.8), bytes, tolerance: 1L << 28);
        Assert.Contains("80%", source, StringComparison.Ordinal);
        Assert.Equal(3L << 30, MemoryBudget.Limit("3GiB").Bytes);
    }
}
