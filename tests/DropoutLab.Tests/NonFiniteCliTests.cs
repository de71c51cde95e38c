using System.Text.Json;
using DropoutLab.Formatting;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>Non-finite numbers on the command line, in data and in models: JSON null or a one-line error, never a crash.</summary>
public class NonFiniteCliTests
{
    private static string[] TinyTrain(string data, params string[] more) =>
        ["train", "--data", data, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--epochs", "3", .. more];

    [Fact]
    public void ExplainWithHugeInputsGivesValidJsonWithNullForTheInfiniteResults()
    {
        CliRun run = CliRunner.Run("explain", "--activations", "1e308,1e308", "--weights", "1e308,1e308", "--trials", "100", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.Equal(1e308, document.RootElement.GetProperty("activations")[0].GetDouble());

        // z = Σ wᵢ·aᵢ = 2·10⁶¹⁶ overflows: the next layer's z is +∞, written as null; the units' moments stay numbers.
        JsonElement nextLayer = document.RootElement.GetProperty("nextLayer");
        Assert.Equal(JsonValueKind.Null, nextLayer.GetProperty("noDropout").ValueKind);
        Assert.Equal(JsonValueKind.Null, nextLayer.GetProperty("modes")[0].GetProperty("analyticMean").ValueKind);
        Assert.Equal(8e307, document.RootElement.GetProperty("modes")[1].GetProperty("train").GetProperty("analyticMean")[0].GetDouble(), 1e293);
        Assert.DoesNotContain("Infinity", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CourseThatDivergesExitsOneWithOneLineAndWritesNoPlots()
    {
        using var folder = new TempFolder();
        string plots = Directory.CreateDirectory(Path.Combine(folder.Path, "plots")).FullName;
        CliRun run = CliRunner.Run("course", "--learning-rate", "1e300", "--iterations", "2000", "--json", "--plots", plots);
        AssertDiverged(run, "iteration ", "--learning-rate (now 1e+300)");
        Assert.Equal(string.Empty, run.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(plots));
    }

    [Fact]
    public void StudyThatDivergesExitsOneWithOneLineAndWritesNoFiles()
    {
        using var folder = new TempFolder();
        string outFolder = Path.Combine(folder.Path, "out");
        CliRun run = CliRunner.Run("study", "--depths", "1", "--seeds", "1", "--keep-probs", "0.8", "--scalings", "inverted", "--iterations", "200", "--learning-rate", "1e300", "--json", "--out", outFolder);
        AssertDiverged(run, "iteration ", "of the run (depth 1, keep probability 0.8, scaling inverted, seed 1): loss is NaN; try a smaller --learning-rate (now 1e+300)");
        Assert.Equal(string.Empty, run.Output);
        Assert.False(Directory.Exists(outFolder) && Directory.EnumerateFileSystemEntries(outFolder).Any(), "no study file is written");
    }

    [Fact]
    public void TrainThatDivergesExitsOneNamingEpochAndStepAndSavesNoModel()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 300, 60);
        string model = Path.Combine(folder.Path, "m.dlm");
        CliRun run = CliRunner.Run(TinyTrain(folder.Path, "--learning-rate", "1e300", "--optimizer", "sgd", "--json", "--save", model));
        AssertDiverged(run, "epoch 1, step ", "loss is NaN; try a smaller --learning-rate (now 1e+300)");
        Assert.Equal(string.Empty, run.Output);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void TrainOnHugeCsvFeaturesExitsOneNamingTheFileAndTheValue()
    {
        using var folder = new TempFolder();
        string[] lines = SyntheticImages.Csv(SyntheticImages.Labeled(60, 1), withLabel: true).Split('\n');
        for (int row = 1; row < lines.Length - 1; row++)
        {
            lines[row] = "1e308" + lines[row][lines[row].IndexOf(',', StringComparison.Ordinal)..];
        }

        string train = folder.File("train.csv", string.Join('\n', lines));
        string test = folder.File("test.csv", SyntheticImages.Csv(SyntheticImages.Labeled(30, 2), withLabel: true));
        string model = Path.Combine(folder.Path, "m.dlm");
        CliRun run = CliRunner.Run(TinyTrain(train, "--test", test, "--json", "--save", model));
        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Error.StartsWith($"dropout-lab: error: {train}", StringComparison.Ordinal), run.Error);
        Assert.Contains("example 1, feature 1 is Infinity", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--learning-rate", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void EvaluateAndPredictRefuseAModelWithNonFiniteParametersNamingTheFile(double bad)
    {
        using var folder = new TempFolder();
        MlpNetwork<float> trained = SyntheticImages.FloatModel;
        trained.DenseLayers.Last().Weights.Value.Data[2] = (float)bad;
        string model = Path.Combine(folder.Path, "bad.dlm");
        ModelFile.Save(trained, model);
        string input = folder.File("in.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: false));
        string labelled = folder.File("labelled.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: true));
        string output = Path.Combine(folder.Path, "out.csv");

        CliRun evaluate = CliRunner.Run("evaluate", "--model", model, "--data", labelled, "--json");

        CliRun predict = CliRunner.Run("predict", "--model", model, "--input", input, "--output", output);
        foreach (CliRun run in new[] { evaluate, predict })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"dropout-lab: error: {model}", run.Error, StringComparison.Ordinal);
            Assert.Contains("non-finite", run.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Output);
        }

        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AFloat64ModelWhoseParametersOverflowFloat32IsRefusedWhenReadAsFloat32()
    {
        using var folder = new TempFolder();
        MlpNetwork<double> trained = SyntheticImages.DoubleModel;
        trained.DenseLayers.First().Weights.Value.Data[0] = 1e300;
        string model = Path.Combine(folder.Path, "wide.dlm");
        ModelFile.Save(trained, model);
        Assert.Equal(1e300, ModelFile.Load<double>(model).DenseLayers.First().Weights.Value.Data[0]);
        var error = Assert.Throws<Data.DataFormatException>(() => ModelFile.Load<float>(model));
        Assert.Contains("W1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryJsonWriterWritesNonFiniteNumbersAsNull()
    {
        string text = DropoutLab.Cli.Output.JsonText.Build(writer =>
        {
            writer.WriteStartObject();
            JsonNumbers.WriteReal(writer, "nan", double.NaN);
            JsonNumbers.WriteReal(writer, "inf", double.PositiveInfinity);
            JsonNumbers.WriteReal(writer, "ninf", double.NegativeInfinity);
            JsonNumbers.WriteReal(writer, "x", 0.1);
            writer.WriteEndObject();
        });
        using JsonDocument document = JsonDocument.Parse(text);
        foreach (string name in new[] { "nan", "inf", "ninf" })
        {
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty(name).ValueKind);
        }

        Assert.Equal(0.1, document.RootElement.GetProperty("x").GetDouble());
    }

    [Fact]
    public void EvaluateOfAFiniteModelOnHugeInputsGivesValidJsonWithNullLogLoss()
    {
        using var folder = new TempFolder();
        string model = Path.Combine(folder.Path, "ok.dlm");
        ModelFile.Save(SyntheticImages.FloatModel, model);
        string[] lines = SyntheticImages.Csv(SyntheticImages.Test, withLabel: true).Split('\n');
        for (int row = 1; row < lines.Length - 1; row++)
        {
            lines[row] = "3e38,-3e38,3e38,-3e38,3e38,-3e38,3e38,-3e38" + lines[row][lines[row].LastIndexOf(',')..];
        }

        string data = folder.File("huge.csv", string.Join('\n', lines));
        CliRun run = CliRunner.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("logLoss").ValueKind);
        Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("accuracy").ValueKind);
    }

    private static void AssertDiverged(CliRun run, string where, string tail)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}");
        string[] lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("dropout-lab: error: training diverged at " + where, lines[0], StringComparison.Ordinal);
        Assert.Contains(tail, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
