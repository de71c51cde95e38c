using System.Globalization;
using System.Security.Cryptography;
using DropoutLab.Data;
using DropoutLab.Random;

namespace DropoutLab.Tests;

public class SyntheticDataTests
{
    public static TheoryData<SyntheticShape> Shapes => [SyntheticShape.Moons, SyntheticShape.Circles, SyntheticShape.Xor, SyntheticShape.Spiral];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GeneratesTwoFeatureRowsAndBalancedLabels(SyntheticShape shape)
    {
        Dataset data = DropoutLab.Data.SyntheticData.Generate(shape, 201, new NumpyRandomState(5), "test-source");
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(201, data.Count);
        Assert.Equal(2, data.ClassCount);
        Assert.Equal("test-source", data.Source);
        Assert.Equal(101, data.Labels.Count(label => label == 0));
        Assert.Equal(100, data.Labels.Count(label => label == 1));
        Assert.All(data.Features.Data, x => Assert.InRange(x, -1.6, 1.6));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheSameSeedGivesTheSameBitsAndAnotherSeedOthers(SyntheticShape shape)
    {
        Dataset first = DropoutLab.Data.SyntheticData.Generate(shape, 50, new NumpyRandomState(11), "a");
        Dataset again = DropoutLab.Data.SyntheticData.Generate(shape, 50, new NumpyRandomState(11), "b");
        Dataset other = DropoutLab.Data.SyntheticData.Generate(shape, 50, new NumpyRandomState(12), "c");
        Assert.Equal(Bits(first), Bits(again));
        Assert.Equal(first.Labels, again.Labels);
        Assert.NotEqual(Bits(first), Bits(other));
    }

    [Fact]
    public void MoonsOfSeedZeroHaveTheGoldenBits()
    {
        // Pins the formula, the draw order and the owned cos(πt) on every CPU (CI also runs without SIMD intrinsics).
        Dataset moons = DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Moons, 200, new NumpyRandomState(0), "moons");
        string first = string.Join(' ', new[] { moons.Features[0, 0], moons.Features[1, 0], moons.Features[0, 1], moons.Features[1, 1] }.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        Assert.True(first == "-0.3239290995541202 0.7251134484140898 0.707158960022964 -0.6399752157092564", first);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Bits(moons)));
        Assert.True(hash == "78762d0be6d65ef991dc558085b1cba5dc2e0c3af8f36c008fff286946f4a1d4", hash);
    }

    [Fact]
    public void CirclesHaveRadiusOneAndOneHalf()
    {
        Dataset circles = DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Circles, 2000, new NumpyRandomState(1), "circles");
        Assert.InRange(MeanRadius(circles, 0), 0.97, 1.03);
        Assert.InRange(MeanRadius(circles, 1), 0.47, 0.55);
    }

    [Fact]
    public void XorLabelsFollowTheSignOfTheProduct()
    {
        Dataset xor = DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Xor, 2000, new NumpyRandomState(2), "xor");
        int agree = Enumerable.Range(0, xor.Count).Count(j => (xor.Features[0, j] * xor.Features[1, j] > 0 ? 1 : 0) == xor.Labels[j]);
        Assert.InRange(agree / (double)xor.Count, 0.9, 0.99);
    }

    [Fact]
    public void MoonsAreTheUpperAndTheShiftedLowerHalfCircle()
    {
        Dataset moons = DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Moons, 2000, new NumpyRandomState(3), "moons");

        // Upper moon: mean (−⅓, ⅔·(2/π − ¼)); lower: (⅓, −⅔·(2/π − ¼)).
        double y = (2.0 / 3.0) * ((2.0 / Math.PI) - 0.25);
        Assert.InRange(Mean(moons, 0, 0), -0.36, -0.30);
        Assert.InRange(Mean(moons, 1, 0), y - 0.03, y + 0.03);
        Assert.InRange(Mean(moons, 0, 1), 0.30, 0.36);
        Assert.InRange(Mean(moons, 1, 1), -y - 0.03, -y + 0.03);
    }

    [Fact]
    public void SpiralArmsAreTurnedByHalfATurn()
    {
        Dataset spiral = DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Spiral, 2000, new NumpyRandomState(4), "spiral");

        // r = ⅕ + ⅘·t has mean 0.6 on both arms.
        Assert.InRange(MeanRadius(spiral, 0), 0.57, 0.64);
        Assert.InRange(MeanRadius(spiral, 1), 0.57, 0.64);

        // The arm of label 1 is the arm of label 0 turned by π: its mean point is the other's negated.
        Assert.InRange(Mean(spiral, 0, 0) + Mean(spiral, 0, 1), -0.03, 0.03);
        Assert.InRange(Mean(spiral, 1, 0) + Mean(spiral, 1, 1), -0.03, 0.03);
        Assert.True(Math.Abs(Mean(spiral, 0, 0)) + Math.Abs(Mean(spiral, 1, 0)) > 0.05);
    }

    [Fact]
    public void FewerThanTwoPointsAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutLab.Data.SyntheticData.Generate(SyntheticShape.Moons, 1, new NumpyRandomState(0), "x"));

    [Fact]
    public void NamesRoundTrip()
    {
        Assert.Equal(["moons", "circles", "xor", "spiral"], SyntheticShapeNames.Names);
        foreach (SyntheticShape shape in Enum.GetValues<SyntheticShape>())
        {
            Assert.True(SyntheticShapeNames.TryParse(shape.ToName(), out SyntheticShape parsed));
            Assert.Equal(shape, parsed);
        }

        Assert.False(SyntheticShapeNames.TryParse("Moons", out _));
        Assert.False(SyntheticShapeNames.TryParse("football", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((SyntheticShape)7).ToName());
    }

    [Fact]
    public void EveryFourthRowIsATestRow()
    {
        var features = new DropoutLab.Numerics.Matrix<double>(2, 10);
        for (int j = 0; j < 10; j++)
        {
            features[0, j] = j;
            features[1, j] = -j;
        }

        var all = new Dataset(features, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 2, "rows.csv");
        (Dataset train, Dataset test) = DatasetSplit.EveryNth(all);
        Assert.Equal([0.0, 1, 2, 4, 5, 6, 8, 9], Enumerable.Range(0, train.Count).Select(j => train.Features[0, j]));
        Assert.Equal([0.0, -1, -2, -4, -5, -6, -8, -9], Enumerable.Range(0, train.Count).Select(j => train.Features[1, j]));
        Assert.Equal([0, 1, 0, 0, 1, 0, 0, 1], train.Labels);
        Assert.Equal([3.0, 7], Enumerable.Range(0, test.Count).Select(j => test.Features[0, j]));
        Assert.Equal([1, 1], test.Labels);
        Assert.Contains("rows.csv", train.Source, StringComparison.Ordinal);
        Assert.Contains("rows.csv", test.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ASplitWithAnEmptyPartNamesTheSource()
    {
        var all = new Dataset(new DropoutLab.Numerics.Matrix<double>(2, 3), [0, 1, 0], 2, "short.csv");
        DataFormatException error = Assert.Throws<DataFormatException>(() => DatasetSplit.EveryNth(all));
        Assert.StartsWith("short.csv: ", error.Message, StringComparison.Ordinal);
        (Dataset train, Dataset test) = DatasetSplit.EveryNth(all, 3);
        Assert.Equal(2, train.Count);
        Assert.Equal(1, test.Count);
    }

    private static byte[] Bits(Dataset data) => [.. data.Features.Data.SelectMany(BitConverter.GetBytes), .. data.Labels.SelectMany(BitConverter.GetBytes)];

    private static double MeanRadius(Dataset data, int label) =>
        Enumerable.Range(0, data.Count).Where(j => data.Labels[j] == label).Average(j => Math.Sqrt((data.Features[0, j] * data.Features[0, j]) + (data.Features[1, j] * data.Features[1, j])));

    private static double Mean(Dataset data, int feature, int label) =>
        Enumerable.Range(0, data.Count).Where(j => data.Labels[j] == label).Average(j => data.Features[feature, j]);
}
