using System.Text;
using System.Text.Json;
using DropoutLab.Data;
using DropoutLab.Experiments;

namespace DropoutLab.Tests;

public class CourseDataTests
{
    [Fact]
    public void FootballIsTheEmbeddedCourseData()
    {
        CourseData data = CourseData.Football();
        Assert.Equal("football", data.Name);
        Assert.Equal(211, data.Train.Count);
        Assert.Equal(200, data.Test.Count);
    }

    [Fact]
    public void SyntheticDrawsTrainingThenTestPointsFromOneGenerator()
    {
        CourseData data = CourseData.Synthetic(SyntheticShape.Moons, 4);
        Assert.Equal("moons", data.Name);
        Assert.Equal(200, data.Train.Count);
        Assert.Equal(200, data.Test.Count);
        var random = new DropoutLab.Random.NumpyRandomState(4);
        Dataset train = DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Moons, 200, random, "t");
        Dataset test = DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Moons, 200, random, "t");
        Assert.Equal(train.Features.Data, data.Train.Features.Data);
        Assert.Equal(test.Features.Data, data.Test.Features.Data);
        Assert.NotEqual(data.Train.Features.Data, data.Test.Features.Data);
    }

    [Fact]
    public void FromCsvSplitsEveryFourthRow()
    {
        CourseData data = CourseData.FromCsv(new StringReader(Csv(9)), "points.csv");
        Assert.Equal("points.csv", data.Name);
        Assert.Equal(7, data.Train.Count);
        Assert.Equal(2, data.Test.Count);
        Assert.Equal([0.3, 0.7], Enumerable.Range(0, 2).Select(j => data.Test.Features[0, j]));
    }

    [Fact]
    public void FromCsvNamesTheFileAndLineOfABadCell()
    {
        string csv = "x1,x2,y\n0.1,0.2,0\n0.3,oops,1\n";
        DataFormatException error = Assert.Throws<DataFormatException>(() => CourseData.FromCsv(new StringReader(csv), "bad.csv"));
        Assert.StartsWith("bad.csv:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsvRefusesALabelOtherThanZeroOrOne()
    {
        string csv = "x1,x2,y\n0.1,0.2,0\n0.3,0.4,2\n";
        DataFormatException error = Assert.Throws<DataFormatException>(() => CourseData.FromCsv(new StringReader(csv), "labels.csv"));
        Assert.StartsWith("labels.csv:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsvRefusesThreeFeatures()
    {
        string csv = "x1,x2,x3,y\n0.1,0.2,0.3,0\n0.3,0.4,0.5,1\n0.1,0.2,0.3,0\n0.3,0.4,0.5,1\n";
        DataFormatException error = Assert.Throws<DataFormatException>(() => CourseData.FromCsv(new StringReader(csv), "wide.csv"));
        Assert.StartsWith("wide.csv:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 feature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsvRefusesTooFewRowsToSplit()
    {
        DataFormatException error = Assert.Throws<DataFormatException>(() => CourseData.FromCsv(new StringReader(Csv(3)), "tiny.csv"));
        Assert.StartsWith("tiny.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportTextIsTheCommandsOutput()
    {
        CliRun run = CliRunner.Run("course", "--iterations", "30", "--print-every", "10");
        Assert.True(run.ExitCode == 0, run.Error);
        CourseData data = CourseData.Football();
        CourseResult result = CourseExperiment.Run(new CourseSettings { Iterations = 30, RecordEvery = 10 }, data.Train, data.Test);
        string text = CourseReport.Text(result, 10);
        Assert.Equal(run.Output, text);
        Assert.StartsWith("Cost after iteration 0: 0.6557412523481002\nCost after iteration 10: ", text, StringComparison.Ordinal);
        Assert.Equal(7, text.Count(c => c == '\n'));
    }

    [Fact]
    public void ReportJsonHasTheSettingsAndTheDataName()
    {
        CourseData data = CourseData.Synthetic(SyntheticShape.Circles, 1);
        var settings = new CourseSettings { HiddenSizes = [5, 4, 3], KeepProbs = [0.9, 0.8, 1.0], InitSeed = 7, MaskSeed = 9, Iterations = 5 };
        CourseResult result = CourseExperiment.Run(settings, data.Train, data.Test);
        using JsonDocument withData = JsonDocument.Parse(Json(w => CourseReport.WriteJson(w, result, data)));
        JsonElement root = withData.RootElement;
        Assert.Equal(
            ["keepProb", "scaling", "masks", "lambd", "iterations", "learningRate", "hiddenSizes", "keepProbs", "initSeed", "maskSeed", "data", "costs", "trainAccuracy", "testAccuracy", "testLogLoss", "trainSeconds"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal([5, 4, 3], root.GetProperty("hiddenSizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0.9, 0.8, 1.0], root.GetProperty("keepProbs").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(7u, root.GetProperty("initSeed").GetUInt32());
        Assert.Equal(9u, root.GetProperty("maskSeed").GetUInt32());
        Assert.Equal("circles", root.GetProperty("data").GetString());

        using JsonDocument withoutData = JsonDocument.Parse(Json(w => CourseReport.WriteJson(w, result)));
        Assert.False(withoutData.RootElement.TryGetProperty("data", out _));
    }

    [Fact]
    public void ReportJsonGivesEveryLayerTheSharedKeepProb()
    {
        CourseData data = CourseData.Football();
        CourseResult result = CourseExperiment.Run(new CourseSettings { KeepProb = 0.86, Iterations = 2 }, data.Train, data.Test);
        using JsonDocument document = JsonDocument.Parse(Json(w => CourseReport.WriteJson(w, result, data)));
        Assert.Equal([0.86, 0.86], document.RootElement.GetProperty("keepProbs").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([20, 3], document.RootElement.GetProperty("hiddenSizes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("football", document.RootElement.GetProperty("data").GetString());
    }

    internal static string Csv(int rows)
    {
        var text = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i / 10.0},{1 - (i / 10.0)},{i % 2}\n");
        }

        return text.ToString();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
