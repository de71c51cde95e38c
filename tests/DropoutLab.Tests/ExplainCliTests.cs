using System.Text.Json;
using System.Xml.Linq;
using SkiaSharp;

namespace DropoutLab.Tests;

public class ExplainCliTests
{
    [Fact]
    public void JsonHasExactAnalyticMomentsAndMonteCarloWithinFiveStandardErrors()
    {
        double keep = 0.65, bias = -0.4;
        double[] a = [1.25, 0.0, -3.0, 0.8, 2.2];
        double[] w = [0.5, -1.5, 0.25, 2.0, -0.75];
        const int trials = 20000;
        CliRun run = CliRunner.Run("explain", "--keep-prob", "0.65", "--activations", "1.25,0,-3,0.8,2.2", "--weights", "0.5,-1.5,0.25,2,-0.75",
            "--bias", "-0.4", "--trials", "20000", "--seed", "42", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(keep, root.GetProperty("keepProb").GetDouble());
        Assert.Equal(trials, root.GetProperty("trials").GetInt32());
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        Assert.Equal(a, TestData.Doubles(root.GetProperty("activations")));

        double alphaScale = 1 / Math.Sqrt(keep + (1.7580993408473766 * 1.7580993408473766 * keep * (1 - keep)));
        (string Mode, double Scale, double Inference)[] rules =
        [
            ("no-dropout", 1, 1), ("unscaled", keep, 1), ("inverted", 1, 1), ("at-inference", keep, keep), ("gaussian", 1, 1), ("alpha", alphaScale * keep, 1),
        ];
        JsonElement[] modes = [.. root.GetProperty("modes").EnumerateArray()];
        JsonElement[] zModes = [.. root.GetProperty("nextLayer").GetProperty("modes").EnumerateArray()];
        Assert.Equal(rules.Select(r => r.Mode), modes.Select(m => m.GetProperty("mode").GetString()));
        Assert.Equal(rules.Select(r => r.Mode), zModes.Select(m => m.GetProperty("mode").GetString()));
        for (int r = 0; r < rules.Length; r++)
        {
            JsonElement train = modes[r].GetProperty("train");
            double[] mean = TestData.Doubles(train.GetProperty("analyticMean"));
            double[] variance = TestData.Doubles(train.GetProperty("analyticVariance"));
            double[] empirical = TestData.Doubles(train.GetProperty("empiricalMean"));
            double[] inference = TestData.Doubles(modes[r].GetProperty("inference").GetProperty("value"));
            double[] expectedVariance = [.. a.Select(x => rules[r].Mode switch
            {
                "no-dropout" => 0.0,
                "inverted" or "gaussian" => x * x * (1 - keep) / keep,
                "alpha" => alphaScale * alphaScale * (x + 1.7580993408473766) * (x + 1.7580993408473766) * keep * (1 - keep),
                _ => x * x * keep * (1 - keep),
            })];
            for (int i = 0; i < a.Length; i++)
            {
                Assert.Equal(rules[r].Scale * a[i], mean[i], 1e-9);
                Assert.Equal(expectedVariance[i], variance[i], 1e-9);
                Assert.Equal(rules[r].Inference * a[i], inference[i], 1e-9);
                Assert.InRange(Math.Abs(empirical[i] - mean[i]), 0, (5 * Math.Sqrt(variance[i] / trials)) + 1e-12);
                JsonElement ci = train.GetProperty("ci95")[i];
                Assert.True(ci[0].GetDouble() <= empirical[i] && empirical[i] <= ci[1].GetDouble());
            }

            // E[z] = Σ w·E[y] + b, Var[z] = Σ w²·Var[y], z at inference = Σ w·inference + b
            double zMean = a.Select((x, i) => w[i] * mean[i]).Sum() + bias;
            double zVariance = a.Select((x, i) => w[i] * w[i] * expectedVariance[i]).Sum();
            JsonElement z = zModes[r];
            Assert.Equal(zMean, z.GetProperty("analyticMean").GetDouble(), 1e-9);
            Assert.Equal(zVariance, z.GetProperty("analyticVariance").GetDouble(), 1e-9);
            Assert.Equal((a.Select((x, i) => w[i] * rules[r].Inference * x).Sum()) + bias, z.GetProperty("inference").GetDouble(), 1e-9);
            Assert.InRange(Math.Abs(z.GetProperty("empiricalMean").GetDouble() - zMean), 0, (5 * Math.Sqrt(zVariance / trials)) + 1e-12);
            Assert.Equal(2, z.GetProperty("ci95").GetArrayLength());
        }

        Assert.Equal(w, TestData.Doubles(root.GetProperty("nextLayer").GetProperty("weights")));
        Assert.Equal(bias, root.GetProperty("nextLayer").GetProperty("bias").GetDouble());
    }

    [Fact]
    public void TextWalksThroughOneUnitAndStatesTheMismatch()
    {
        CliRun run = CliRunner.Run("explain", "--trials", "1000");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("a = 2 is kept with probability 0.8 and becomes 2/0.8 = 2.5, or is dropped to 0; on average 0.8 × 2.5 + 0.2 × 0 = 2.", run.Output, StringComparison.Ordinal);
        Assert.Contains("inference / E[y] = 1/0.8 = 1.25 for every unit", run.Output, StringComparison.Ordinal);
        Assert.Contains("unscaled      E[z] in training = 1.14, z at inference = 1.4: training and inference disagree", run.Output, StringComparison.Ordinal);
        foreach (string mode in new[] { "no-dropout:", "unscaled:", "inverted:", "at-inference:" })
        {
            Assert.Contains("\n" + mode, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OneUnitWalkthroughCoversTheNoiseVariantsAndOnlyTheRulesShown()
    {
        CliRun run = CliRunner.Run("explain", "--trials", "500");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\n  gaussian:     a = 2 is multiplied by ε ~ N(1, 0.2/0.8 = 0.25), nothing is dropped: one standard deviation either side gives 2 × 0.5 = 1 and 2 × 1.5 = 3; on average 2 × 1 = 2", run.Output, StringComparison.Ordinal);
        Assert.Contains("becomes 0.878904 × 2 + 0.30904 = 2.066847, or is dropped to SELU's floor -1.758099 and becomes 0.878904 × -1.758099 + 0.30904 = -1.23616; on average 0.8 × 2.066847 + 0.2 × -1.23616 = 1.406246.", run.Output, StringComparison.Ordinal);
        int inverted = run.Output.IndexOf("\n  inverted:", StringComparison.Ordinal), alpha = run.Output.IndexOf("\n  alpha:", StringComparison.Ordinal);
        Assert.InRange(inverted, 0, alpha);

        CliRun alphaOnly = CliRunner.Run("explain", "--rule", "alpha", "--keep-prob", "0.5", "--activations", "1", "--weights", "1", "--trials", "500");
        Assert.Equal(0, alphaOnly.ExitCode);
        string oneUnit = alphaOnly.Output[alphaOnly.Output.IndexOf("One unit", StringComparison.Ordinal)..alphaOnly.Output.IndexOf("\nalpha:", StringComparison.Ordinal)];
        Assert.Contains("  alpha:", oneUnit, StringComparison.Ordinal);
        Assert.DoesNotContain("inverted:", oneUnit, StringComparison.Ordinal);
        Assert.DoesNotContain("gaussian:", oneUnit, StringComparison.Ordinal);
    }

    [Fact]
    public void DropConnectGivesOneNextLayerUnitInvertedDropoutsNumbersAndIsOnlyShownWhenNamed()
    {
        CliRun run = CliRunner.Run("explain", "--rule", "inverted,dropconnect", "--keep-prob", "0.7", "--input-mean", "1.5", "--input-variance", "0.4", "--trials", "3000", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        JsonElement[] modes = [.. root.GetProperty("modes").EnumerateArray()];
        Assert.Equal("dropconnect", modes[1].GetProperty("mode").GetString());
        Assert.Equal(modes[0].GetProperty("train").GetRawText(), modes[1].GetProperty("train").GetRawText());
        Assert.Equal(modes[0].GetProperty("inference").GetRawText(), modes[1].GetProperty("inference").GetRawText());
        JsonElement[] kept = [.. root.GetProperty("keptUnchanged").EnumerateArray()];
        Assert.Equal(kept[0].GetProperty("trainVariance").GetRawText(), kept[1].GetProperty("trainVariance").GetRawText());
        // (c² + v)/q − c² = (2.25 + 0.4)/0.7 − 2.25
        Assert.Equal((2.65 / 0.7) - 2.25, kept[1].GetProperty("trainVariance").GetProperty("analytic").GetDouble(), 12);
        Assert.Equal(0.4, kept[1].GetProperty("inferenceVariance").GetProperty("analytic").GetDouble(), 12);

        CliRun text = CliRunner.Run("explain", "--rule", "dropconnect", "--trials", "500");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("\ndropconnect: train z = Σ mᵢ·wᵢ·aᵢ/0.8 + b with a mask per weight", text.Output, StringComparison.Ordinal);
        Assert.Contains("  dropconnect:  the weight from a = 2 into the next unit is kept with probability 0.8", text.Output, StringComparison.Ordinal);

        CliRun defaults = CliRunner.Run("explain", "--trials", "500");
        Assert.DoesNotContain("dropconnect", defaults.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRuleListsTheValidNames()
    {
        CliRun run = CliRunner.Run("explain", "--rule", "dropblock");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--rule", run.Error, StringComparison.Ordinal);
        foreach (string name in new[] { "no-dropout", "unscaled", "inverted", "at-inference", "gaussian", "alpha", "dropconnect" })
        {
            Assert.Contains(name, run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RuleSubsetIsReportedInTheGivenOrder()
    {
        CliRun run = CliRunner.Run("explain", "--rule", "alpha,inverted", "--trials", "500", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        string[] Modes(JsonElement array) => [.. array.EnumerateArray().Select(m => m.GetProperty("mode").GetString()!)];
        Assert.Equal(new[] { "alpha", "inverted" }, Modes(root.GetProperty("modes")));
        Assert.Equal(new[] { "alpha", "inverted" }, Modes(root.GetProperty("nextLayer").GetProperty("modes")));
        Assert.Equal(new[] { "alpha", "inverted" }, Modes(root.GetProperty("keptUnchanged")));

        CliRun text = CliRunner.Run("explain", "--rule", "gaussian", "--trials", "500");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("\ngaussian: train y = a·ε, ε ~ N(1, 0.25), inference y = a", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\nunscaled:", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void KeptUnchangedJsonHasAnalyticEmpiricalAndIntervals()
    {
        // keep 0.5, a ~ N(2, 0.5): inverted trains at mean 2, variance (4 + 0.5)/0.5 − 4 = 5; at inference 2, 0.5; ratio 10
        CliRun run = CliRunner.Run("explain", "--keep-prob", "0.5", "--input-mean", "2", "--input-variance", "0.5", "--trials", "20000", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(2.0, root.GetProperty("inputMean").GetDouble());
        Assert.Equal(0.5, root.GetProperty("inputVariance").GetDouble());
        JsonElement[] kept = [.. root.GetProperty("keptUnchanged").EnumerateArray()];
        Assert.Equal(6, kept.Length);
        JsonElement inverted = kept.Single(k => k.GetProperty("mode").GetString() == "inverted");
        (string Field, double Expected)[] fields = [("trainMean", 2), ("trainVariance", 5), ("inferenceMean", 2), ("inferenceVariance", 0.5), ("varianceRatio", 10)];
        foreach ((string field, double expected) in fields)
        {
            JsonElement estimate = inverted.GetProperty(field);
            Assert.Equal(expected, estimate.GetProperty("analytic").GetDouble(), 1e-12);
            double empirical = estimate.GetProperty("empirical").GetDouble();
            JsonElement ci = estimate.GetProperty("ci95");
            Assert.True(ci[0].GetDouble() < empirical && empirical < ci[1].GetDouble(), field);
            Assert.InRange(empirical, expected * 0.9, expected * 1.1);
        }

        // A batch norm after the rule, running statistics = training moments: inverted (2 − 2)/√5 = 0 and 0.5/5 = 0.1;
        // unscaled trains at mean 1, variance 0.5·4.5 − 0.25·4 = 1.25: (2 − 1)/√1.25 and 0.5/1.25 = 0.4.
        Assert.Equal(0.0, inverted.GetProperty("batchNormAfter").GetProperty("inferenceMean").GetDouble(), 1e-12);
        Assert.Equal(0.1, inverted.GetProperty("batchNormAfter").GetProperty("inferenceVariance").GetDouble(), 1e-12);
        JsonElement unscaled = kept.Single(k => k.GetProperty("mode").GetString() == "unscaled");
        Assert.Equal(1.0 / Math.Sqrt(1.25), unscaled.GetProperty("batchNormAfter").GetProperty("inferenceMean").GetDouble(), 1e-12);
        Assert.Equal(0.4, unscaled.GetProperty("batchNormAfter").GetProperty("inferenceVariance").GetDouble(), 1e-12);
        JsonElement none = kept.Single(k => k.GetProperty("mode").GetString() == "no-dropout");
        Assert.Equal(1.0, none.GetProperty("batchNormAfter").GetProperty("inferenceVariance").GetDouble(), 1e-12);

        CliRun text = CliRunner.Run("explain", "--keep-prob", "0.5", "--input-mean", "2", "--input-variance", "0.5", "--trials", "500");
        Assert.Contains("; inverted mean 0, variance 0.1;", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TextShowsWhatIsKeptUnchanged()
    {
        CliRun run = CliRunner.Run("explain", "--keep-prob", "0.5", "--trials", "2000");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("What is kept unchanged: input a ~ N(1, 0.25)", run.Output, StringComparison.Ordinal);
        Assert.Contains("(c² + v)/keep_prob − c² = 1.5 in training against v = 0.25 at inference, ratio 6;", run.Output, StringComparison.Ordinal);
        string invertedRow = run.Output.Split('\n').Single(line => line.StartsWith("  inverted ", StringComparison.Ordinal) && line.Contains("exact", StringComparison.Ordinal));
        Assert.Equal(["inverted", "exact", "1", "1.5", "1", "0.25", "6"], invertedRow.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void OneTrialHasNoVarianceEstimate()
    {
        CliRun run = CliRunner.Run("explain", "--trials", "1", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("modes")[2].GetProperty("train").GetProperty("empiricalVariance")[0].ValueKind);
    }

    [Theory]
    [InlineData(new[] { "explain", "--keep-prob", "0" }, "--keep-prob")]
    [InlineData(new[] { "explain", "--keep-prob", "1.01" }, "1.01")]
    [InlineData(new[] { "explain", "--activations", "1,2,3" }, "--weights")]
    [InlineData(new[] { "explain", "--activations", "1,2", "--weights", "1,2,3" }, "--activations")]
    [InlineData(new[] { "explain", "--activations", "" }, "--activations")]
    [InlineData(new[] { "explain", "--weights", "" }, "--weights")]
    [InlineData(new[] { "explain", "--activations", "1,abc,2,3" }, "abc")]
    [InlineData(new[] { "explain", "--activations", "1,NaN,2,3" }, "NaN")]
    [InlineData(new[] { "explain", "--bias", "inf" }, "--bias")]
    [InlineData(new[] { "explain", "--trials", "0" }, "--trials")]
    [InlineData(new[] { "explain", "--rule", "inverted,bernoulli" }, "--rule")]
    [InlineData(new[] { "explain", "--rule", "inverted,inverted" }, "--rule")]
    [InlineData(new[] { "explain", "--input-variance", "-1" }, "--input-variance")]
    [InlineData(new[] { "explain", "--input-mean", "nan" }, "--input-mean")]
    [InlineData(new[] { "explain", "--seed", "-1" }, "-1")]
    [InlineData(new[] { "explain", "--plot", "/no/such/folder/z.png" }, "/no/such/folder")]
    [InlineData(new[] { "explain", "--plot", "z.pdf" }, "z.pdf")]
    [InlineData(new[] { "explain", "--plot", "z.png", "--plot-size", "10x10" }, "--plot-size")]
    public void BadInputExitsTwoWithOneLine(string[] args, string named)
    {
        CliRun run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void UnwritablePlotPathLeavesNothingBehind()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "taken.png");
        Directory.CreateDirectory(target); // a folder where the file should go: the final rename fails
        CliRun run = CliRunner.Run("explain", "--trials", "100", "--plot", target);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(target, run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal([target], Directory.GetFileSystemEntries(folder.Path));
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Theory]
    [InlineData("z.png", 640, 480)]
    [InlineData("z.svg", 900, 700)]
    public void PlotIsWrittenAtTheRequestedSize(string name, int width, int height)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, name);
        CliRun run = CliRunner.Run("explain", "--trials", "2000", "--plot", path, "--plot-size", $"{width}x{height}");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal((width, height), ImageSize(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void CoursePlotsWritesCostCurveAndDecisionBoundary()
    {
        using var folder = new TempFolder();
        CliRun run = CliRunner.Run("course", "--keep-prob", "0.86", "--iterations", "3000", "--plots", folder.Path, "--plot-size", "500x400");
        Assert.Equal(0, run.ExitCode);
        string[] expected = ["cost.png", "cost.svg", "decision-boundary.png", "decision-boundary.svg"];
        Assert.Equal(expected, Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string file in expected)
        {
            Assert.Equal((500, 400), ImageSize(Path.Combine(folder.Path, file)));
        }

        Assert.Contains("Plots: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CoursePlotsRefusesBeforeTraining()
    {
        CliRun missing = CliRunner.Run("course", "--plots", "/no/such/plots");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--plots", missing.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, missing.Output);

        using var folder = new TempFolder();
        string train = folder.File("three.csv", "a,b,c,label\n1,2,3,0\n4,5,6,1\n");
        string test = folder.File("three-test.csv", "a,b,c,label\n1,2,3,0\n");
        CliRun wide = CliRunner.Run("course", "--train", train, "--test", test, "--plots", folder.Path, "--iterations", "2");
        Assert.Equal(2, wide.ExitCode);
        Assert.Contains("2 feature columns", wide.Error, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    private static (int Width, int Height) ImageSize(string path)
    {
        if (path.EndsWith(".svg", StringComparison.Ordinal))
        {
            XElement svg = XDocument.Load(path).Root!;
            return ((int)double.Parse(svg.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture),
                (int)double.Parse(svg.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        using SKBitmap bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not an image.");
        return (bitmap.Width, bitmap.Height);
    }
}
