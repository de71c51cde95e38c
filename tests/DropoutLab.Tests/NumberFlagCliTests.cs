using System.Globalization;
using System.Text.RegularExpressions;

namespace DropoutLab.Tests;

/// <summary>Numbers on the command line: strict, culture-invariant, each flag once; help shows defaults once, as typed.</summary>
public partial class NumberFlagCliTests
{
    private static readonly string[] Commands =
        ["reproduce", "course", "explain", "study", "train", "evaluate", "predict", "curves", "bench course", "bench mlp", "bench dropout", "bench gemm"];

    private static string OneErrorLine(CliRun run)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("System.", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        return lines[0];
    }

    [Theory]
    [InlineData(new[] { "course", "--learning-rate", "0,3" }, "--learning-rate: '0,3'", "0.3")]
    [InlineData(new[] { "course", "--lambd", "0,7" }, "--lambd: '0,7'", "0.7")]
    [InlineData(new[] { "course", "--keep-prob", "0,5" }, "--keep-prob: '0,5'", "0.5")]
    [InlineData(new[] { "explain", "--bias", "0,1" }, "--bias: '0,1'", "0.1")]
    [InlineData(new[] { "study", "--learning-rate", "0,1" }, "--learning-rate: '0,1'", "0.1")]
    [InlineData(new[] { "train", "--learning-rate", "0,3" }, "--learning-rate: '0,3'", "0.3")]
    [InlineData(new[] { "train", "--momentum", "0,9" }, "--momentum: '0,9'", "0.9")]
    [InlineData(new[] { "bench", "dropout", "--keep-prob", "0,8" }, "--keep-prob: '0,8'", "0.8")]
    public void ACommaDecimalIsRefusedNamingTheFlagAndSuggestingAPoint(string[] args, string named, string suggestion)
    {
        string line = OneErrorLine(CliRunner.Run(args));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.EndsWith($"write decimals with a point: {suggestion}.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "explain", "--trials", "1,000" }, "--trials: '1,000' is not a whole number")]
    [InlineData(new[] { "study", "--seeds", "1,000" }, "--seeds: '1,000' is not a whole number")]
    [InlineData(new[] { "explain", "--bias", "1,000.5" }, "--bias: '1,000.5' is not a number")]
    [InlineData(new[] { "explain", "--seed", "abc" }, "--seed: 'abc' is not a whole number")]
    [InlineData(new[] { "explain", "--seed", "-1" }, "--seed: -1 is out of range (0 to 4294967295)")]
    [InlineData(new[] { "explain", "--seed", "4294967296" }, "--seed: 4294967296 is out of range (0 to 4294967295)")]
    [InlineData(new[] { "train", "--seed", "18446744073709551616" }, "--seed: 18446744073709551616 is out of range (0 to 18446744073709551615)")]
    [InlineData(new[] { "train", "--seed", "1.5" }, "--seed: '1.5' is not a whole number")]
    [InlineData(new[] { "train", "--epochs", "2147483648" }, "--epochs: 2147483648 is out of range")]
    [InlineData(new[] { "bench", "gemm", "--m", "0x10" }, "--m: '0x10' is not a whole number")]
    [InlineData(new[] { "explain", "--trials", "1e3" }, "--trials: '1e3' is not a whole number")]
    [InlineData(new[] { "explain", "--bias", "1e400" }, "--bias: '1e400' is too large")]
    [InlineData(new[] { "explain", "--bias", "(1)" }, "--bias: '(1)' is not a number")]
    [InlineData(new[] { "explain", "--bias", "0.1\0" }, @"--bias: '0.1\u0000' is not a number")]
    [InlineData(new[] { "explain", "--trials", "5\0" }, @"--trials: '5\u0000' is not a whole number")]
    [InlineData(new[] { "explain", "--seed", "\u00007" }, @"--seed: '\u00007' is not a whole number")]
    [InlineData(new[] { "explain", "--bias", " 0.1" }, "--bias: ' 0.1' is not a number")]
    [InlineData(new[] { "explain", "--bias", "0.1\t" }, @"--bias: '0.1\u0009' is not a number")]
    [InlineData(new[] { "explain", "--bias", "0.1\u00a0" }, @"--bias: '0.1\u00A0' is not a number")]
    [InlineData(new[] { "explain", "--bias", "\u200b0.1" }, @"--bias: '\u200B0.1' is not a number")]
    [InlineData(new[] { "explain", "--activations", "1,2\0,3,4" }, @"--activations: '2\u0000' is not a number (in '1,2\u0000,3,4')")]
    [InlineData(new[] { "study", "--depths", "1,2 000" }, "--depths: '2 000' is not a whole number")]
    [InlineData(new[] { "bench", "mlp", "--layers", "784,1\t,10" }, @"--layers: '1\u0009' is not a whole number")]
    [InlineData(new[] { "course", "--plot-size", "400x400\0" }, @"--plot-size must be WIDTHxHEIGHT with each between 200 and 4000, but got '400x400\u0000'")]
    [InlineData(new[] { "course", "--plot-size", "+400x400" }, "'+400x400'")]
    [InlineData(new[] { "predict", "--model", "m", "--input", "i", "--output", "o", "--seed", "+-1" }, "--seed: '+-1' is not a whole number")]
    public void ABadNumberIsOneLineNamingTheFlagAndTheValueNeverAType(string[] args, string expected)
    {
        Assert.Contains(expected, OneErrorLine(CliRunner.Run(args)), StringComparison.Ordinal);
    }

    [Fact]
    public void DecimalsInAListTakeAPointAndCommasSeparateItems()
    {
        // "0,8,0,5" is four keep probabilities, not two: the network below needs two, so it is refused naming the count.
        string line = OneErrorLine(CliRunner.Run("bench", "mlp", "--layers", "20,10,2", "--keep-probs", "0,8,0,5", "--steps", "1", "--warmup", "0"));
        Assert.StartsWith("dropout-lab: error: --keep-probs needs 2 values", line, StringComparison.Ordinal);
        Assert.Contains("but got 0,8,0,5", line, StringComparison.Ordinal);

        CliRun pointed = CliRunner.Run("bench", "mlp", "--layers", "20,10,2", "--keep-probs", "0.8,0.5", "--batch-size", "4", "--steps", "1", "--warmup", "0", "--threads", "1");
        Assert.Equal(0, pointed.ExitCode);
    }

    [Theory]
    [InlineData(new[] { "explain", "--bias", "0.1", "--bias", "0.2" }, "--bias")]
    [InlineData(new[] { "explain", "--bias=0.1", "--bias", "0.2" }, "--bias")]
    [InlineData(new[] { "explain", "--activations", "1,2", "--weights", "1,2", "--activations", "3,4" }, "--activations")]
    [InlineData(new[] { "explain", "--json", "--json" }, "--json")]
    [InlineData(new[] { "study", "--keep-probs", "0.8", "--keep-probs", "0.5" }, "--keep-probs")]
    [InlineData(new[] { "train", "--layers", "2,8,3", "--layers", "2,8,3" }, "--layers")]
    [InlineData(new[] { "train", "--data", "a.csv", "--data", "b.csv" }, "--data")]
    [InlineData(new[] { "bench", "gemm", "--m", "1", "--m", "2" }, "--m")]
    [InlineData(new[] { "course", "--plot-size", "400x400", "--plot-size", "500x500" }, "--plot-size")]
    public void AFlagGivenTwiceIsRefusedWithOneLineNamingIt(string[] args, string flag)
    {
        Assert.Equal($"dropout-lab: error: {flag} is given more than once; give each flag once.", OneErrorLine(CliRunner.Run(args)));
    }

    [Fact]
    public void TheRootHelpStatesTheRulesForFlagsAndNumbers()
    {
        CliRun run = CliRunner.Run("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Give each flag once (a repeated flag is refused; curves --run is the exception)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Numbers take a point for decimals (0.3, never 0,3)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDefaultInHelpIsShownOnceAndIsValidInput()
    {
        foreach (string command in Commands)
        {
            CliRun run = CliRunner.Run([.. command.Split(' '), "--help"]);
            Assert.Equal(0, run.ExitCode);
            foreach (string line in run.Output.Split('\n').Where(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            {
                Assert.True(DefaultWord().Count(line) <= 1, $"{command}: {line}");
                Match shown = ShownDefault().Match(line);
                if (!shown.Success)
                {
                    continue;
                }

                // The shown default, given back as the flag's value, must parse (a run with it reaches past parsing).
                string flag = line.Trim().Split(' ')[0];
                string value = shown.Groups[1].Value;
                Assert.DoesNotContain("|", value, StringComparison.Ordinal);
                Assert.DoesNotContain(" is not a", CliRunner.Run([.. command.Split(' '), flag, value, "--help"]).Error, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void MachineAndLayerDependentDefaultsAreDescribedInWords()
    {
        string study = CliRunner.Run("study", "--help").Output;
        string threads = study.Split('\n').Single(l => l.TrimStart().StartsWith("--threads", StringComparison.Ordinal));
        Assert.Contains("(default: all cores)", threads, StringComparison.Ordinal);
        Assert.DoesNotContain("[default:", threads, StringComparison.Ordinal);

        string train = CliRunner.Run("train", "--help").Output;
        string keepProbs = train.Split('\n').Single(l => l.TrimStart().StartsWith("--keep-probs", StringComparison.Ordinal));
        Assert.Contains("0.8 for the inputs and 0.5 for each hidden layer", keepProbs, StringComparison.Ordinal);
        Assert.DoesNotContain("[default:", keepProbs, StringComparison.Ordinal);
        Assert.DoesNotContain("0.8,0.5,0.5]", keepProbs, StringComparison.Ordinal);
    }

    [Fact]
    public void AMachineWithACommaDecimalCultureReadsAndShowsNumbersTheSame()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        // A culture like de-DE's for numbers (built by hand: the tests may run in globalization-invariant mode).
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = commaCulture;
        try
        {
            string help = CliRunner.Run("explain", "--help").Output;
            Assert.Contains("[default: 0.8]", help, StringComparison.Ordinal);
            Assert.Contains("[default: 0.1]", help, StringComparison.Ordinal);
            Assert.Contains("0,3", OneErrorLine(CliRunner.Run("course", "--learning-rate", "0,3")), StringComparison.Ordinal);
            CliRun run = CliRunner.Run("explain", "--bias", "0.5", "--trials", "100", "--json");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("\"bias\": 0.5", run.Output, StringComparison.Ordinal);
            Assert.Same(commaCulture, CultureInfo.CurrentCulture);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [GeneratedRegex("default", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultWord();

    [GeneratedRegex(@"\[default: ([^\]]*)\]")]
    private static partial Regex ShownDefault();
}
