using System.Globalization;
using System.Text.Json;
using DropoutLab.Data;
using DropoutLab.Training;

namespace DropoutLab.Tests;

public sealed class EvaluatePredictTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _model;
    private readonly string _model64;

    public EvaluatePredictTests()
    {
        _model = Path.Combine(_folder.Path, "model.dlm");
        _model64 = Path.Combine(_folder.Path, "model64.dlm");
        ModelFile.Save(SyntheticImages.FloatModel, _model);
        ModelFile.Save(SyntheticImages.DoubleModel, _model64);
    }

    public void Dispose() => _folder.Dispose();

    private string Input(bool withLabel = false) =>
        _folder.File(withLabel ? "labelled.csv" : "in.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel));

    private string OutputPath(string name = "out.csv") => Path.Combine(_folder.Path, name);

    private static CliRun Succeed(params string[] args)
    {
        CliRun run = CliRunner.Run(args);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal(string.Empty, run.Error);
        return run;
    }

    private static void AssertDataError(CliRun run, string path, string what)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"dropout-lab: error: {path}", run.Error, StringComparison.Ordinal);
        Assert.Contains(what, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    private static void AssertUsageError(CliRun run, string what)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(what, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    private static (string[] Header, double[][] Rows) ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        return (lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())]);
    }

    // ---- evaluate ----

    [Fact]
    public void Evaluate_on_an_mnist_folder_reports_high_accuracy_as_json()
    {
        SyntheticImages.WriteMnistFolder(_folder.Path, trainCount: 30, testCount: 150);
        CliRun run = Succeed("evaluate", "--model", _model, "--data", _folder.Path, "--json", "--threads", "2");
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(150, root.GetProperty("examples").GetInt32());
        double accuracy = root.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        Assert.InRange(root.GetProperty("logLoss").GetDouble(), 1e-6, 0.5);
        Assert.InRange(root.GetProperty("ece").GetDouble(), 0, 0.2);
        int[][] confusion = [.. root.GetProperty("confusion").EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetInt32()).ToArray())];
        Assert.Equal(3, confusion.Length);
        Assert.All(confusion, row => Assert.Equal(3, row.Length));
        Assert.All(confusion, row => Assert.Equal(50, row.Sum()));
        Assert.Equal(accuracy, (confusion[0][0] + confusion[1][1] + confusion[2][2]) / 150.0, 12);

        // The CLI scores exactly what the library does on the same folder.
        EvaluationReport direct = new Classifier<float>(SyntheticImages.FloatModel, 64).Evaluate(TrainingData.LoadEvaluation(_folder.Path));
        Assert.Equal(direct.Accuracy, accuracy);
        Assert.Equal(direct.LogLoss, root.GetProperty("logLoss").GetDouble(), 12);
    }

    [Fact]
    public void Evaluate_prints_metrics_and_an_aligned_confusion_table()
    {
        CliRun run = Succeed("evaluate", "--model", _model, "--data", Input(withLabel: true));
        Assert.Contains("float32, layers 8,16,3, keep-probs 0.9,0.8, inverted scaling", run.Output, StringComparison.Ordinal);
        Assert.Contains("(150 examples)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"accuracy  (0\.9\d{3}|1\.0000) \(1\d\d/150\)", run.Output);
        Assert.Contains("log-loss  0.", run.Output, StringComparison.Ordinal);
        Assert.Contains("ECE       0.", run.Output, StringComparison.Ordinal);
        string[] table = [.. run.Output.Split('\n').SkipWhile(l => !l.StartsWith("actual \\ predicted", StringComparison.Ordinal)).Where(l => l.Length > 0)];
        Assert.Equal(4, table.Length);
        Assert.All(table, line => Assert.Equal(table[0].Length, line.Length));
    }

    [Fact]
    public void Evaluate_reads_a_float64_model_in_its_own_precision()
    {
        CliRun run = Succeed("evaluate", "--model", _model64, "--data", Input(withLabel: true), "--json");
        using JsonDocument json = JsonDocument.Parse(run.Output);
        EvaluationReport direct = new Classifier<double>(SyntheticImages.DoubleModel, 64).Evaluate(SyntheticImages.Test);
        Assert.Equal(direct.Accuracy, json.RootElement.GetProperty("accuracy").GetDouble());
        Assert.True(direct.Accuracy > 0.9);
        Assert.Contains("float64", Succeed("evaluate", "--model", _model64, "--data", Input(withLabel: true)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_rejects_data_the_model_cannot_score()
    {
        string narrow = _folder.File("narrow.csv", "a,b,c,label\n1,2,3,0\n");
        AssertDataError(CliRunner.Run("evaluate", "--model", _model, "--data", narrow), narrow, "3 features but the network's first layer takes 8");

        string labels = _folder.File("labels.csv", "x0,x1,x2,x3,x4,x5,x6,x7,label\n0,0,0,0,0,0,0,0,1\n0,0,0,0,0,0,0,0,3\n");
        AssertDataError(CliRunner.Run("evaluate", "--model", _model, "--data", labels), labels, "example 2 has label 3, not below the network's 3 output classes");

        string broken = _folder.File("broken.csv", "x0,x1,x2,x3,x4,x5,x6,x7,label\n0,0,0,0,0,NaN,0,0,1\n");
        AssertDataError(CliRunner.Run("evaluate", "--model", _model, "--data", broken), broken + ":2", "not a finite number");

        string missing = Path.Combine(_folder.Path, "nope.csv");
        AssertDataError(CliRunner.Run("evaluate", "--model", _model, "--data", missing), missing, "cannot read");

        AssertUsageError(CliRunner.Run("evaluate", "--data", narrow), "--model");
        AssertUsageError(CliRunner.Run("evaluate", "--model", _model, "--data", narrow, "--threads", "-1"), "--threads must be at least 0, but got -1");
    }

    // ---- predict ----

    [Fact]
    public void Predict_writes_the_deterministic_probabilities()
    {
        string output = OutputPath();
        CliRun run = Succeed("predict", "--model", _model, "--input", Input(), "--output", output);
        Assert.Equal($"wrote {output}: 150 rows, 3 classes (one deterministic pass)\n", run.Output);

        (string[] header, double[][] rows) = ReadCsv(output);
        Assert.Equal(["predicted", "p0", "p1", "p2"], header);
        Assert.Equal(150, rows.Length);
        double[,] expected = new Classifier<float>(SyntheticImages.FloatModel, 64).Probabilities(SyntheticImages.Test);
        int right = 0;
        for (int j = 0; j < rows.Length; j++)
        {
            Assert.Equal(1.0, rows[j][1] + rows[j][2] + rows[j][3], 5);
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k, j], rows[j][1 + k]);
            }

            int argmax = Enumerable.Range(0, 3).MaxBy(k => rows[j][1 + k]);
            Assert.Equal(argmax, (int)rows[j][0]);
            right += argmax == SyntheticImages.Test.Labels[j] ? 1 : 0;
        }

        Assert.True(right > 135, $"{right}/150 right");
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void Predict_ignores_a_trailing_label_column()
    {
        string plain = OutputPath("plain.csv"), labelled = OutputPath("labelled-out.csv");
        Succeed("predict", "--model", _model64, "--input", Input(), "--output", plain);
        CliRun run = Succeed("predict", "--model", _model64, "--input", Input(withLabel: true), "--output", labelled);
        Assert.Contains("ignored the last input column 'label' as a label", run.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(plain), File.ReadAllText(labelled));

        // The ignored column is not parsed, so it may hold class names.
        string names = _folder.File("names.csv", "x0,x1,x2,x3,x4,x5,x6,x7,class\n1,1,1,0,0,0,0,0,shirt\n");
        Succeed("predict", "--model", _model64, "--input", names, "--output", OutputPath("names-out.csv"));
        Assert.Equal(2, File.ReadAllLines(OutputPath("names-out.csv")).Length);
    }

    [Fact]
    public void Monte_carlo_dropout_averages_stochastic_passes_reproducibly()
    {
        string deterministic = OutputPath("det.csv"), mc = OutputPath("mc.csv"), again = OutputPath("again.csv");
        string otherSeed = OutputPath("other.csv"), twoThreads = OutputPath("threads.csv");
        Succeed("predict", "--model", _model, "--input", Input(), "--output", deterministic);
        CliRun run = Succeed("predict", "--model", _model, "--input", Input(), "--output", mc, "--mc-samples", "40", "--seed", "7", "--threads", "1");
        Assert.Contains("mean of 40 Monte-Carlo dropout passes, seed 7", run.Output, StringComparison.Ordinal);
        Succeed("predict", "--model", _model, "--input", Input(), "--output", again, "--mc-samples", "40", "--seed", "7", "--threads", "2");
        Succeed("predict", "--model", _model, "--input", Input(), "--output", otherSeed, "--mc-samples", "40", "--seed", "8");

        Assert.Equal(File.ReadAllBytes(mc), File.ReadAllBytes(again));
        Assert.NotEqual(File.ReadAllBytes(mc), File.ReadAllBytes(otherSeed));

        (string[] header, double[][] rows) = ReadCsv(mc);
        (_, double[][] plain) = ReadCsv(deterministic);
        Assert.Equal(["predicted", "p0", "p1", "p2", "uncertainty", "entropy"], header);
        double largestGap = 0, gapSum = 0;
        for (int j = 0; j < rows.Length; j++)
        {
            Assert.Equal(1.0, rows[j][1] + rows[j][2] + rows[j][3], 5);
            Assert.True(rows[j][4] >= 0, $"row {j}: uncertainty {rows[j][4]}");
            Assert.InRange(rows[j][5], 0, Math.Log(3) + 1e-12);
            for (int k = 1; k <= 3; k++)
            {
                double gap = Math.Abs(rows[j][k] - plain[j][k]);
                largestGap = Math.Max(largestGap, gap);
                gapSum += gap;
            }
        }

        Assert.True(largestGap > 1e-4, "the Monte-Carlo mean equals the deterministic pass");
        Assert.True(gapSum / (3 * rows.Length) < 0.05, $"mean gap {gapSum / (3 * rows.Length)}");
        Assert.Contains(rows, row => row[4] > 1e-3);
        int agree = rows.Zip(plain).Count(pair => pair.First[0] == pair.Second[0]);
        Assert.True(agree >= 140, $"MC and deterministic predictions agree on {agree}/150");
    }

    [Fact]
    public void Monte_carlo_uncertainty_is_the_standard_deviation_over_passes()
    {
        // One example, K = 5, batch size 1: pass i draws its masks at clock step i; redo the passes by hand.
        MlpNetwork<double> model = SyntheticImages.DoubleModel;
        var table = new FeatureTable([.. SyntheticImages.Test.Example(4)], 8, "one");
        Predictions predictions = new Predictor<double>(model, 1).Predict(table, samples: 5, seed: 21);
        var probabilities = new double[5];
        int predicted = predictions.Predicted[0];
        (ulong seed, ulong step) = (model.Clock.Seed, model.Clock.Step);
        model.SetDropAtEval(true);
        try
        {
            var x = new DropoutLab.Numerics.Matrix<double>(8, 1);
            var p = new DropoutLab.Numerics.Matrix<double>(3, 1);
            for (int f = 0; f < 8; f++)
            {
                x[f, 0] = (SyntheticImages.Test.Example(4)[f] - model.Standardization.Mean) / model.Standardization.Std;
            }

            for (int i = 0; i < 5; i++)
            {
                model.Clock.Reset(21, (ulong)i);
                DropoutLab.Losses.SoftmaxCrossEntropy.Probabilities(model.Network.Forward(x, DropoutLab.Layers.Mode.Eval), p);
                probabilities[i] = p[predicted, 0];
            }
        }
        finally
        {
            model.SetDropAtEval(false);
            model.Clock.Reset(seed, step);
        }

        double mean = probabilities.Average();
        double std = Math.Sqrt(probabilities.Sum(v => (v - mean) * (v - mean)) / 5);
        Assert.Equal(mean, predictions.Probabilities[predicted, 0], 12);
        Assert.Equal(std, predictions.Uncertainty![0], 12);
        Assert.Equal((seed, step), (model.Clock.Seed, model.Clock.Step));
    }

    [Theory]
    [InlineData("x0,x1,x2,x3,x4,x5,x6,x7\n1,1,1,0,0,0,0,0\n0,0,0,1,NaN,1,0,0\n", ":3:", "column 5: 'NaN' is not a finite number")]
    [InlineData("x0,x1,x2,x3,x4,x5,x6,x7\n1,1,1,0,0,0,0,-Infinity\n", ":2:", "column 8: '-Infinity' is not a finite number")]
    [InlineData("x0,x1,x2,x3,x4,x5,x6,x7\n1,1,1,0,0,0,0,1e39\n", ":2:", "beyond the float32 range")]
    [InlineData("x0,x1,x2,x3,x4,x5,x6,x7\n1,1,1,0,zero,0,0,0\n", ":2:", "'zero' is not a number")]
    [InlineData("x0,x1,x2,x3,x4,x5,x6,x7\n1,1,1,0,0,0,0,0\n1,1,1,0,0,0,0\n", ":3:", "expected 8 cells as in the header, found 7")]
    [InlineData("a,b,c\n1,2,3\n", ":1:", "has 3 columns but the model takes 8 features")]
    [InlineData("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9\n1,2,3,4,5,6,7,8,9,10\n", ":1:", "has 10 columns")]
    [InlineData("", ":1:", "the file is empty")]
    [InlineData("x0,x1,x2,x3,x4,x5,x6,x7\n\n", ": ", "no data rows after the header")]
    public void Predict_rejects_bad_input_and_writes_nothing(string contents, string where, string what)
    {
        string input = _folder.File("bad.csv", contents);
        string output = OutputPath();
        foreach (string samples in new[] { "0", "5" })
        {
            CliRun run = CliRunner.Run("predict", "--model", _model, "--input", input, "--output", output, "--mc-samples", samples);
            AssertDataError(run, input + where, what);
            Assert.Equal(string.Empty, run.Output);
            Assert.False(File.Exists(output));
            Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
        }
    }

    [Fact]
    public void Predict_keeps_an_existing_output_when_the_input_is_bad()
    {
        string output = _folder.File("out.csv", "previous\n");
        string input = _folder.File("bad.csv", "x0,x1,x2,x3,x4,x5,x6,x7\n1,1,1,0,0,0,0,x\n");
        Assert.Equal(1, CliRunner.Run("predict", "--model", _model, "--input", input, "--output", output).ExitCode);
        Assert.Equal("previous\n", File.ReadAllText(output));
    }

    [Fact]
    public void Predict_usage_and_path_errors()
    {
        string input = Input();
        AssertUsageError(CliRunner.Run("predict", "--model", _model, "--input", input), "--output");
        AssertUsageError(CliRunner.Run("predict", "--model", _model, "--input", input, "--output", OutputPath(), "--mc-samples", "-1"), "--mc-samples must be at least 0, but got -1");
        AssertUsageError(CliRunner.Run("predict", "--model", _model, "--input", input, "--output", OutputPath(), "--seed", "-3"), "-3");
        AssertUsageError(CliRunner.Run("predict", "--model", _model, "--input", input, "--output", input), "--output " + input + " is the same file as --input " + input);

        string nowhere = Path.Combine(_folder.Path, "no-such-folder", "out.csv");
        AssertDataError(CliRunner.Run("predict", "--model", _model, "--input", input, "--output", nowhere), nowhere, "does not exist");
        string missing = Path.Combine(_folder.Path, "missing.csv");
        AssertDataError(CliRunner.Run("predict", "--model", _model, "--input", missing, "--output", OutputPath()), missing, "cannot read");
    }

    [Fact]
    public void Help_documents_the_label_column_rule()
    {
        CliRun run = CliRunner.Run("predict", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("one more column", run.Output, StringComparison.Ordinal);
        Assert.Contains("--mc-samples", run.Output, StringComparison.Ordinal);
    }
}
