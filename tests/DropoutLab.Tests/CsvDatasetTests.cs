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

    [Theory]
    [InlineData("1,0\0.5,0", "column 2", "U+0000")]
    [InlineData("1,0.5\0,0", "column 2", "\\u0000")]
    [InlineData("1,\u00010.5,0", "column 2", "U+0001")]
    [InlineData("1,0.5\u007F,0", "column 2", "U+007F")]
    [InlineData("1,\"0,5\",0", "column 2", "quoted cells are not supported")]
    [InlineData("1,\"0.5\",0", "column 2", "quoted cells are not supported")]
    [InlineData("1,0,5,0", "found 4", "a comma inside a number")]
    [InlineData("1,1 000,0", "column 2", "'1 000' is not a number")]
    [InlineData("1,1\u00A0000,0", "column 2", "no thousands separators")]
    [InlineData("1,1_000,0", "column 2", "'1_000' is not a number")]
    [InlineData("1,1'000.5,0", "column 2", "'1'000.5' is not a number")]
    [InlineData("1,0x1F,0", "column 2", "'0x1F'")]
    [InlineData("1,\u0661,0", "column 2", "is not a number")]
    [InlineData("1,\uFF11,0", "column 2", "is not a number")]
    [InlineData("1,1e,0", "column 2", "'1e'")]
    [InlineData("1,.,0", "column 2", "'.'")]
    [InlineData("1,--1,0", "column 2", "'--1'")]
    [InlineData("1,1.5.2,0", "column 2", "'1.5.2'")]
    [InlineData("1,,0", "column 2", "'' is not a number")]
    [InlineData("1,1e999,0", "column 2", "'1e999' is not a finite number")]
    [InlineData("1,-Infinity,0", "column 2", "not a finite number")]
    [InlineData("1,2,1\0", "column 3", "U+0000")]
    public void CellsMustBeStrictInvariantNumbers(string row, string where, string what)
    {
        using var folder = new TempFolder();
        string path = folder.File("cells.csv", "x1,x2,label\n1,2,0\n" + row + "\n");
        var ex = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path, binaryLabels: false));
        Assert.StartsWith(path + ":3: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', ex.Message);
    }

    [Fact]
    public void StrictNumbersStillAcceptEveryPlainForm()
    {
        Dataset data = CsvDataset.Read(
            new StringReader("x1,x2,label\n+1.5, -2 ,0\n.5,\t3.,1\n-0.25e+2,1E-3,1\n7,8,0\n"),
            "plain.csv",
            binaryLabels: true);
        Assert.Equal([1.5, 0.5, -25.0, 7.0], data.Features.Row(0).ToArray());
        Assert.Equal([-2.0, 3.0, 0.001, 8.0], data.Features.Row(1).ToArray());
        Assert.Equal([0, 1, 1, 0], data.Labels);
    }

    [Theory]
    [InlineData("1,2,0\n3,4,1\n")]
    [InlineData("0.5, -1e3 ,1\n3,4,1\n")]
    public void AFirstRowOfNumbersIsRefusedAsAMissingHeader(string contents)
    {
        var ex = Assert.Throws<DataFormatException>(() => CsvDataset.Read(new StringReader(contents), "headless.csv", binaryLabels: false));
        Assert.StartsWith("headless.csv:1: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the first row must name the columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderWithSomeNumericNamesIsAccepted()
    {
        Dataset data = CsvDataset.Read(new StringReader("1,2,label\n1,2,0\n3,4,1\n"), "numbered.csv", binaryLabels: false);
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void FeatureCsvAlsoRefusesAMissingHeader()
    {
        var ex = Assert.Throws<DataFormatException>(() => FeatureCsv.Read(new StringReader("1,2\n3,4\n"), "in.csv", 2));
        Assert.StartsWith("in.csv:1: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("must name the columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectoryIsNotACsvFile()
    {
        using var folder = new TempFolder();
        var ex = Assert.Throws<DataFormatException>(() => CsvDataset.Load(folder.Path, binaryLabels: false));
        Assert.Equal($"{folder.Path}: is a directory; expected a CSV file.", ex.Message);
    }
}
