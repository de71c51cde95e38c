using System.Globalization;
using System.Text;
using System.Text.Json;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Study;
using DropoutLab.Training;

namespace DropoutLab.Tests;

public class VariantStudyTests
{
    // A network whose batch normalization sees dropout(ReLU(x)) directly: inputs n, Dense = identity, keep q on the hidden layer.
    private static MlpNetwork<double> IdentityThenDropout(int units, double keepProb, DropoutVariant variant = DropoutVariant.Bernoulli)
    {
        var identity = new Matrix<double>(units, units);
        for (int i = 0; i < units; i++)
        {
            identity[i, i] = 1;
        }

        var output = new Matrix<double>(2, units);
        output.Fill(0.01);
        return MlpNetwork<double>.FromWeights([identity, output], [1.0, keepProb], DropoutScaling.Inverted, seed: 7, threads: 1, batchNorm: BatchNormPlacement.AfterDropout, dropout: variant);
    }

    // Examples × units, unit i ~ N(cᵢ, vᵢ) with cᵢ = 3 + i/10 and vᵢ = 1 + i/20: positive with overwhelming probability.
    private static FeatureTable Inputs(int units, int examples, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var features = new float[units * examples];
        for (int j = 0; j < examples; j++)
        {
            for (int i = 0; i < units; i++)
            {
                features[(j * units) + i] = (float)(3 + (i / 10.0) + (Math.Sqrt(1 + (i / 20.0)) * random.NextGaussian()));
            }
        }

        return new FeatureTable(features, units, "gaussian inputs");
    }

    [Fact]
    public void RatioMatchesTheInvertedDropoutFormulaWithinFiveStandardErrors()
    {
        const int units = 40, examples = 4000;
        const double keepProb = 0.5;
        FeatureTable data = Inputs(units, examples, 3);
        IReadOnlyList<VarianceShift> shifts = VarianceShiftProbe.Measure(IdentityThenDropout(units, keepProb), data, seed: 11);
        VarianceShift shift = Assert.Single(shifts);
        Assert.Equal(units, shift.CountedUnits);

        // With c and v the population mean and variance of unit i's values a over the m examples (inputs rounded to
        // float32 and rectified, as the network sees them), E[Σ(y − ȳ)²] = m(c² + v)/q − m·c² − (c² + v)(1/q − 1) for
        // y = m·a/q, against Σ(a − ā)² = m·v without dropout, so the expected ratio is exact.
        var deviations = new double[units];
        double meanInverseVariance = 0;
        for (int i = 0; i < units; i++)
        {
            double sum = 0, squares = 0;
            for (int j = 0; j < examples; j++)
            {
                double a = Math.Max(data.Features[(j * units) + i], 0f);
                sum += a;
                squares += a * a;
            }

            double c = sum / examples;
            double v = (squares / examples) - (c * c);
            double expected = (((c * c) + v) / keepProb - (c * c) - (((c * c) + v) * ((1 / keepProb) - 1) / examples)) / v;
            deviations[i] = shift.DropoutOnOverOff[i] - expected;
            meanInverseVariance += 1 / (v * examples / (examples - 1.0)) / units;
            Assert.InRange(expected, 10, 40);
        }

        double mean = deviations.Average();
        double se = Math.Sqrt(deviations.Sum(d => (d - mean) * (d - mean)) / (units - 1) / units);
        Assert.True(Math.Abs(mean) < 5 * se, $"mean deviation {mean} is beyond 5 standard errors ({se})");
        Assert.True(se < 0.02 * shift.MeanDropoutOnOverOff, $"standard error {se} too large to test anything");

        // An untrained batch normalization has running variance 1, so running/inference is 1/v(off) per unit.
        Assert.Equal(meanInverseVariance, shift.MeanRunningOverInference, 1e-9);
    }

    [Theory]
    [InlineData(BatchNormPlacement.BeforeDropout, DropoutVariant.Bernoulli)]
    [InlineData(BatchNormPlacement.AfterDropout, DropoutVariant.Bernoulli)]
    [InlineData(BatchNormPlacement.AfterDropout, DropoutVariant.Gaussian)]
    public void KeepProbOneGivesRatioExactlyOne(BatchNormPlacement placement, DropoutVariant variant)
    {
        var random = new NumpyRandomState(5);
        Matrix<double>[] weights = [Random(6, 4, random), Random(6, 6, random), Random(2, 6, random)];
        var model = MlpNetwork<double>.FromWeights(weights, [1.0, 1.0, 1.0], DropoutScaling.Inverted, seed: 3, threads: 1, batchNorm: placement, dropout: variant);
        IReadOnlyList<VarianceShift> shifts = VarianceShiftProbe.Measure(model, Inputs(4, 300, 9), seed: 1);
        Assert.Equal(2, shifts.Count);
        foreach (VarianceShift shift in shifts)
        {
            Assert.True(shift.CountedUnits > 0);
            Assert.All(shift.DropoutOnOverOff.Where(r => !double.IsNaN(r)), ratio => Assert.Equal(1.0, ratio));
            Assert.Equal(1.0, shift.MeanDropoutOnOverOff);
        }
    }

    [Fact]
    public void ProbeLeavesTheTrainedNetworkBitIdentical()
    {
        LabeledData train = LabeledData.FromDataset(FootballData.Train());
        LabeledData test = LabeledData.FromDataset(FootballData.Test());
        var settings = new MlpSettings { Layers = [2, 16, 16, 2], KeepProbs = [1, 0.5, 0.5], BatchSize = 32, Epochs = 3, LearningRate = 0.005, BatchNorm = BatchNormPlacement.AfterDropout };
        MlpNetwork<float> model = new MlpTrainer<float>(settings).Train(train, test).Model;
        model.Clock.Reset(42, 17);
        BatchNorm<float>[] norms = [.. model.BatchNormLayers];
        string before = Snapshot(model);
        double[,] probabilities = new Classifier<float>(model, 64).Probabilities(test);
        IReadOnlyList<VarianceShift> shifts = VarianceShiftProbe.Measure(model, new FeatureTable(test.Features, test.FeatureCount, test.Source), seed: 5, batchSize: 64);
        Assert.Equal(2, shifts.Count);
        Assert.Equal(before, Snapshot(model));
        Assert.Equal((42UL, 17UL), (model.Clock.Seed, model.Clock.Step));
        Assert.All(model.Network.DropoutLayers, dropout => Assert.False(dropout.DropAtEval));
        Assert.Equal(probabilities, new Classifier<float>(model, 64).Probabilities(test));
        Assert.Equal(2, norms.Length);
    }

    [Fact]
    public void ProbeRestoresMonteCarloSwitchesItFound()
    {
        MlpNetwork<double> model = IdentityThenDropout(3, 0.5);
        model.SetDropAtEval(true);
        VarianceShiftProbe.Measure(model, Inputs(3, 50, 1), seed: 2);
        Assert.All(model.Network.DropoutLayers, dropout => Assert.True(dropout.DropAtEval));
    }

    [Fact]
    public void ProbeRefusesTooFewExamplesAndTheWrongWidth()
    {
        MlpNetwork<double> model = IdentityThenDropout(3, 0.5);
        Assert.Throws<DataFormatException>(() => VarianceShiftProbe.Measure(model, Inputs(3, 1, 1), seed: 2));
        Assert.Throws<DataFormatException>(() => VarianceShiftProbe.Measure(model, Inputs(4, 10, 1), seed: 2));
        Assert.Empty(VarianceShiftProbe.Measure(MlpNetwork<double>.Create([3, 4, 2], [1, 0.5], DropoutScaling.Inverted, 1, 1), Inputs(3, 1, 1), seed: 2));
    }

    [Fact]
    public void RowsAreTheSameOnOneAndTwoThreads()
    {
        LabeledData train = LabeledData.FromDataset(FootballData.Train());
        LabeledData test = LabeledData.FromDataset(FootballData.Test());
        var settings = new VariantStudySettings
        {
            Network = new MlpSettings { Layers = [2, 16, 16, 2], KeepProbs = [1, 0.5, 0.5], BatchSize = 32, Epochs = 5, LearningRate = 0.005 },
            Variants = [DropoutVariant.Bernoulli, DropoutVariant.Alpha],
            BatchNorms = [BatchNormPlacement.None, BatchNormPlacement.AfterDropout],
            Seeds = 2,
        };
        VariantStudyResult one = VariantStudy.Run(settings, train, test, threads: 1);
        VariantStudyResult two = VariantStudy.Run(settings, train, test, threads: 2);
        Assert.Equal(4, one.Rows.Count);
        Assert.Equal(Fingerprint(one), Fingerprint(two));
        Assert.Equal(HiddenActivation.Selu, one.Rows[2].Activation);
        Assert.Equal([1UL, 2UL], one.Rows[0].Runs.Select(run => run.Seed));
        Assert.Equal(2, one.Rows[1].VarianceRatios.Count);
        Assert.Empty(one.Rows[0].VarianceRatios);
    }

    [Fact]
    public void SettingsRefuseDuplicatesAndCheckEveryConfiguration()
    {
        var duplicate = new VariantStudySettings { Variants = [DropoutVariant.Gaussian, DropoutVariant.Gaussian] };
        Assert.Equal("variants", Assert.Throws<Settings.SettingException>(duplicate.Validate).Setting);
        var noPlacement = new VariantStudySettings { BatchNorms = [] };
        Assert.Equal("batchNorm", Assert.Throws<Settings.SettingException>(noPlacement.Validate).Setting);
        var oneExample = new VariantStudySettings { BatchNorms = [BatchNormPlacement.None, BatchNormPlacement.AfterDropout], Network = new MlpSettings { BatchSize = 1 } };
        Assert.Equal("batchSize", Assert.Throws<Settings.SettingException>(oneExample.Validate).Setting);
        var noSeeds = new VariantStudySettings { Seeds = 0 };
        Assert.Equal("seeds", Assert.Throws<Settings.SettingException>(noSeeds.Validate).Setting);
    }

    [Theory]
    [InlineData("--depths", "2")]
    [InlineData("--width", "8")]
    [InlineData("--scalings", "none")]
    [InlineData("--iterations", "10")]
    [InlineData("--masks", "fixed")]
    [InlineData("--out", "/tmp/never-written")]
    public void DepthStudyFlagsAreRefusedWithVariants(string flag, string value)
    {
        AssertRefused(["study", "--variants", "bernoulli", flag, value], flag);
        AssertRefused(["study", "--batchnorm", "after-dropout", flag, value], flag);
    }

    [Theory]
    [InlineData("--layers", "2,8,2")]
    [InlineData("--epochs", "3")]
    [InlineData("--batch-size", "8")]
    public void VariantFlagsAreRefusedByTheDepthStudy(string flag, string value) =>
        AssertRefused(["study", "--depths", "1", "--seeds", "1", "--iterations", "10", flag, value], flag);

    [Theory]
    [InlineData(new[] { "--variants", "bernoulli,dropfast" }, "'dropfast'", 2)]
    [InlineData(new[] { "--variants", "" }, "--variants", 2)]
    [InlineData(new[] { "--variants", "gaussian,gaussian" }, "--variants", 2)]
    [InlineData(new[] { "--batchnorm", "sideways" }, "'sideways'", 2)]
    [InlineData(new[] { "--batchnorm", "none,none" }, "--batchnorm", 2)]
    [InlineData(new[] { "--variants", "alpha", "--keep-probs", "0.5" }, "--keep-probs", 2)]
    [InlineData(new[] { "--variants", "bernoulli", "--layers", "2,8,1" }, "--layers", 2)]
    [InlineData(new[] { "--variants", "bernoulli", "--layers", "3,8,2" }, "first layer width is 3", 1)]
    [InlineData(new[] { "--variants", "bernoulli", "--epochs", "0" }, "--epochs", 2)]
    [InlineData(new[] { "--batchnorm", "after-dropout", "--batch-size", "1" }, "--batch-size", 2)]
    [InlineData(new[] { "--variants", "bernoulli", "--batch-size", "100000" }, "--batch-size", 2)]
    [InlineData(new[] { "--variants", "bernoulli", "--seeds", "0" }, "--seeds", 2)]
    [InlineData(new[] { "--variants", "bernoulli", "--threads", "0" }, "--threads", 2)]
    [InlineData(new[] { "--variants", "bernoulli", "--learning-rate", "0" }, "--learning-rate", 2)]
    [InlineData(new[] { "--variants", "bernoulli", "--test", "/no/test.csv" }, "--test", 2)]
    public void BadVariantInputIsRefusedNamingIt(string[] extra, string named, int exitCode)
    {
        CliRun run = CliRunner.Run(["study", .. extra]);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FootballComparesPlacementsWithFiniteMetricsAndTheExpectedShifts()
    {
        CliRun run = CliRunner.Run("study", "--batchnorm", "before-dropout,after-dropout", "--epochs", "20", "--seeds", "2", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement[] rows = [.. document.RootElement.GetProperty("rows").EnumerateArray()];
        Assert.Equal(["before-dropout", "after-dropout"], rows.Select(row => row.GetProperty("batchNorm").GetString()));
        Assert.All(rows, row =>
        {
            Assert.Equal("bernoulli", row.GetProperty("variant").GetString());
            Assert.Equal("relu", row.GetProperty("activation").GetString());
            Assert.InRange(row.GetProperty("accuracy").GetProperty("mean").GetDouble(), 0.5, 1);
            Assert.True(double.IsFinite(row.GetProperty("logLoss").GetProperty("mean").GetDouble()));
            Assert.InRange(row.GetProperty("ece").GetProperty("mean").GetDouble(), 0, 1);
            Assert.Equal(2, row.GetProperty("varianceRatios").GetArrayLength());
            Assert.Equal(2, row.GetProperty("runs").GetArrayLength());
        });

        // Before dropout, the first batch norm sees Dense(x) with all inputs kept: no shift at all. After dropout it
        // sees dropout(ReLU(·)) with keep 0.5, whose ratio is 2 + c²/v ≥ 2 for every unit.
        Assert.Equal(1.0, Ratio(rows[0], 0));
        Assert.True(Ratio(rows[1], 0) >= 2, $"after-dropout BN1 ratio {Ratio(rows[1], 0)}");
        Assert.True(Ratio(rows[0], 1) > 1 && Ratio(rows[1], 1) > 1);
        Assert.Contains("study: 4/4 runs done", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TextTableHasOneRowPerConfigurationAndReadsIt()
    {
        CliRun run = CliRunner.Run("study", "--variants", "bernoulli,gaussian", "--batchnorm", "before-dropout,after-dropout", "--epochs", "5", "--seeds", "1", "--layers", "2,16,16,2");
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n');
        Assert.Equal(4, lines.Count(line => line.StartsWith("bernoulli ", StringComparison.Ordinal) || line.StartsWith("gaussian ", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("variant ", StringComparison.Ordinal) && line.Contains("BN2 run/inf", StringComparison.Ordinal));
        Assert.Contains("With gaussian dropout, batch norm", run.Output, StringComparison.Ordinal);
        Assert.Contains("has the worse log-loss", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticMnistFolderRunsBernoulliAndGaussianForOneEpoch()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 64, 32);
        CliRun run = CliRunner.Run("study", "--data", folder.Path, "--variants", "bernoulli,gaussian", "--batchnorm", "after-dropout", "--epochs", "1", "--layers", "8,32,32,10", "--batch-size", "16", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.Equal(folder.Path, root.GetProperty("dataset").GetProperty("train").GetString());
        Assert.Equal(1, root.GetProperty("settings").GetProperty("seeds").GetInt32());
        Assert.Equal([0.8, 0.5, 0.5], root.GetProperty("settings").GetProperty("keepProbs").EnumerateArray().Select(k => k.GetDouble()));
        JsonElement[] rows = [.. root.GetProperty("rows").EnumerateArray()];
        Assert.Equal(["bernoulli", "gaussian"], rows.Select(row => row.GetProperty("variant").GetString()));
        Assert.All(rows, row => Assert.True(double.IsFinite(row.GetProperty("logLoss").GetProperty("mean").GetDouble())));
    }

    [Fact]
    public void VarianceShiftMeansAndMediansSkipUnitsConstantAtInference()
    {
        var odd = new VarianceShift(1, [2.0, double.NaN, 30.0, 1.0], [1.5, double.NaN, 3.0, 0.5]);
        Assert.Equal(3, odd.CountedUnits);
        Assert.Equal(11.0, odd.MeanDropoutOnOverOff);
        Assert.Equal(2.0, odd.MedianDropoutOnOverOff);
        Assert.Equal(1.5, odd.MedianRunningOverInference);
        var even = new VarianceShift(2, [4.0, 1.0, 2.0, 3.0], [1.0, 1.0, 1.0, 1.0]);
        Assert.Equal(2.5, even.MedianDropoutOnOverOff);
        var empty = new VarianceShift(3, [double.NaN], [double.NaN]);
        Assert.True(double.IsNaN(empty.MedianDropoutOnOverOff) && double.IsNaN(empty.MeanRunningOverInference));
    }

    [Fact]
    public void EvaluateOfTheSameTrainingRunReportsTheStudysVarianceShift()
    {
        // Study seed index 0 trains with --seed 1 on the folder's recipe; train --seed 1 with the same flags is the same
        // run, so evaluate's variance shift must equal the study's row bit for bit; a model without BatchNorm has none.
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 96, 48);
        string[] recipe = ["--data", folder.Path, "--epochs", "2", "--layers", "8,24,16,10", "--batch-size", "16", "--learning-rate", "0.003"];
        CliRun study = CliRunner.Run(["study", .. recipe, "--batchnorm", "after-dropout", "--json"]);
        Assert.True(study.ExitCode == 0, study.Error);
        string model = Path.Combine(folder.Path, "bn.dlm"), plain = Path.Combine(folder.Path, "plain.dlm");
        Assert.Equal(0, CliRunner.Run(["train", .. recipe, "--batchnorm", "after-dropout", "--seed", "1", "--save", model]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["train", .. recipe, "--seed", "1", "--save", plain]).ExitCode);

        CliRun evaluate = CliRunner.Run("evaluate", "--model", model, "--data", folder.Path, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        using JsonDocument studyJson = JsonDocument.Parse(study.Output), evaluateJson = JsonDocument.Parse(evaluate.Output);
        JsonElement run = studyJson.RootElement.GetProperty("rows")[0].GetProperty("runs")[0];
        JsonElement[] shifts = [.. evaluateJson.RootElement.GetProperty("varianceShift").EnumerateArray()];
        Assert.Equal(2, shifts.Length);
        Assert.Equal(run.GetProperty("logLoss").GetDouble(), evaluateJson.RootElement.GetProperty("logLoss").GetDouble(), 6);
        for (int layer = 0; layer < 2; layer++)
        {
            JsonElement expected = run.GetProperty("varianceRatios")[layer];
            Assert.Equal(expected.GetProperty("dropoutOnOverOff").GetDouble(), shifts[layer].GetProperty("dropoutOnOverOff").GetDouble());
            Assert.Equal(expected.GetProperty("runningOverInference").GetDouble(), shifts[layer].GetProperty("runningOverInference").GetDouble());
            Assert.Equal(expected.GetProperty("units").GetInt32(), shifts[layer].GetProperty("units").GetInt32());
        }

        Assert.True(shifts[0].GetProperty("dropoutOnOverOff").GetDouble() > 1.2, "dropout 0.5 before a BatchNorm must inflate its input variance in training");
        Assert.True(shifts[0].GetProperty("meanDropoutOnOverOff").GetDouble() > 1.2);
        CliRun text = CliRunner.Run("evaluate", "--model", model, "--data", folder.Path);
        Assert.Contains("variance  BatchNorm 1's input: ", text.Output, StringComparison.Ordinal);
        Assert.Contains("inverted scaling, batch norm after-dropout)", text.Output, StringComparison.Ordinal);

        CliRun withoutBatchNorm = CliRunner.Run("evaluate", "--model", plain, "--data", folder.Path, "--json");
        Assert.Equal(0, withoutBatchNorm.ExitCode);
        using JsonDocument plainJson = JsonDocument.Parse(withoutBatchNorm.Output);
        Assert.False(plainJson.RootElement.TryGetProperty("varianceShift", out _));
        Assert.DoesNotContain("variance  ", CliRunner.Run("evaluate", "--model", plain, "--data", folder.Path).Output, StringComparison.Ordinal);
    }

    private static double Ratio(JsonElement row, int layer) =>
        row.GetProperty("varianceRatios")[layer].GetProperty("dropoutOnOverOff").GetProperty("mean").GetDouble();

    private static void AssertRefused(string[] args, string flag)
    {
        CliRun run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(flag, line, StringComparison.Ordinal);
    }

    private static Matrix<double> Random(int rows, int columns, NumpyRandomState random)
    {
        var w = new Matrix<double>(rows, columns);
        for (int i = 0; i < w.Data.Length; i++)
        {
            w.Data[i] = random.NextGaussian() / Math.Sqrt(columns);
        }

        return w;
    }

    // Parameters and running statistics, every bit.
    private static string Snapshot(MlpNetwork<float> model)
    {
        var text = new StringBuilder();
        foreach (Parameter<float> parameter in model.Network.Parameters)
        {
            text.AppendJoin(',', parameter.Value.Data.Select(v => BitConverter.SingleToInt32Bits(v))).Append(';');
        }

        foreach (BatchNorm<float> norm in model.BatchNormLayers)
        {
            text.AppendJoin(',', norm.RunningMean.Select(v => BitConverter.SingleToInt32Bits(v))).Append(';');
            text.AppendJoin(',', norm.RunningVariance.Select(v => BitConverter.SingleToInt32Bits(v))).Append(';');
        }

        return text.ToString();
    }

    // Every number of every row and run, shortest round-trip.
    private static string Fingerprint(VariantStudyResult result)
    {
        var text = new StringBuilder();
        foreach (VariantStudyRow row in result.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Variant} {row.BatchNorm} {row.Activation} {row.Accuracy} {row.LogLoss} {row.Ece}");
            foreach (VarianceShiftSummary summary in row.VarianceRatios)
            {
                text.Append(CultureInfo.InvariantCulture, $" [{summary.Layer} {summary.DropoutOnOverOff} {summary.RunningOverInference}]");
            }

            foreach (VariantRunResult run in row.Runs)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({run.Seed} {run.Accuracy:R} {run.LogLoss:R} {run.Ece:R}");
                foreach (VarianceShift shift in run.Shifts)
                {
                    text.AppendJoin(',', shift.DropoutOnOverOff.Select(r => r.ToString("R", CultureInfo.InvariantCulture)));
                    text.AppendJoin(',', shift.RunningOverInference.Select(r => r.ToString("R", CultureInfo.InvariantCulture)));
                }

                text.Append(')');
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
