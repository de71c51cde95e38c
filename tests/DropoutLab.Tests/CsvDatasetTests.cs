using DropoutLab.Data;

namespace DropoutLab.Tests;

public class CsvDatasetTests
{
    [Fact]
    public void EmbeddedFootballDataHasTheCourseShape()
    {
        Dataset train = FootballData.Train();
        Dataset test = FootballData.Test();
        Assert.Equal((2, 211), (train.FeatureCount, train.Count));
        Assert.Equal((2, 200), (test.FeatureCount, test.Count));
        Assert.Equal(-0.158986, train.Features[0, 0]);
        Assert.Equal(0.423977, train.Features[1, 0]);
        Assert.Equal(1, train.Labels[0]);
    }

    [Fact]
    public void LoadsFeaturesAsColumns()
    {
        using var folder = new TempFolder();
        Dataset data = CsvDataset.Load(folder.File("d.csv", "a,b,c,label\n1,2,3,0\n4,5,6,1\n"), binaryLabels: true);
        Assert.Equal(3, data.FeatureCount);
        Assert.Equal([1.0, 4.0], data.Features.Row(0).ToArray());
        Assert.Equal([0, 1], data.Labels);
    }

    [Theory]
    [InlineData("x1,x2,label\n1,abc,0\n", ":2:", "'abc' is not a number")]
    [InlineData("x1,x2,label\n1,2,0\n1,NaN,1\n", ":3:", "'NaN' is not a finite number")]
    [InlineData("x1,x2,label\n1,Infinity,0\n", ":2:", "not a finite number")]
    [InlineData("x1,x2,label\n1,2,2\n", ":2:", "label '2' must be 0 or 1")]
    [InlineData("x1,x2,label\n1,2,0.5\n", ":2:", "label '0.5'")]
    [InlineData("x1,x2,label\n1,2\n", ":2:", "expected 3 cells")]
    [InlineData("", ":1:", "empty")]
    [InlineData("x1,x2,label\n", "", "no data rows")]
    public void BadRowsNameTheFileLineAndValue(string contents, string where, string what)
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.csv", contents);
        var ex = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path, binaryLabels: true));
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsADataError()
    {
        var ex = Assert.Throws<DataFormatException>(() => CsvDataset.Load("/nonexistent/train.csv", binaryLabels: true));
        Assert.Contains("/nonexistent/train.csv", ex.Message, StringComparison.Ordinal);
    }
}
