using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class NumpyRandomStateTests
{
    private static readonly System.Text.Json.JsonElement Vectors = TestData.ReadJson("numpy-random-vectors.json").RootElement;

    [Fact]
    public void RawWordsMatchNumpy()
    {
        var random = new NumpyRandomState(1);
        uint[] expected = [.. Vectors.GetProperty("seed1_raw_uint32_first8").EnumerateArray().Select(e => e.GetUInt32())];
        uint[] actual = [.. Enumerable.Range(0, expected.Length).Select(_ => random.NextUInt32())];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RandMatchesNumpyExactly()
    {
        var random = new NumpyRandomState(1);
        double[] expected = TestData.Doubles(Vectors.GetProperty("seed1_rand_first10"));
        foreach (double value in expected)
        {
            Assert.Equal(value, random.NextDouble());
        }
    }

    [Fact]
    public void RandnMatchesNumpyExactlyIncludingTheCachedSecondValue()
    {
        var random = new NumpyRandomState(3);
        double[] expected = TestData.Doubles(Vectors.GetProperty("seed3_randn_first11"));
        foreach (double value in expected)
        {
            Assert.Equal(value, random.NextGaussian());
        }
    }

    [Fact]
    public void ReseedingClearsTheCachedGaussian()
    {
        var random = new NumpyRandomState(3);
        double first = random.NextGaussian();
        random.Seed(3);
        Assert.Equal(first, random.NextGaussian());
    }

    [Fact]
    public void CourseInitializationMatchesNumpy()
    {
        var network = CourseNetwork.Build(2, new CourseSettings(), new NumpyRandomState(0));
        Dense<double>[] dense = [.. network.Layers.OfType<Dense<double>>()];
        Assert.Equal(TestData.Doubles(Vectors.GetProperty("seed3_course_W1_row0")), dense[0].Weights.Value.Row(0).ToArray());
        Assert.Equal(TestData.Doubles(Vectors.GetProperty("seed3_course_W2_row2")), dense[1].Weights.Value.Row(2).ToArray());
        Assert.Equal(TestData.Doubles(Vectors.GetProperty("seed3_course_W3")), dense[2].Weights.Value.Row(0).ToArray());
    }

    [Fact]
    public void FirstDropoutDrawMatchesNumpy()
    {
        var random = new NumpyRandomState(1);
        var draws = new double[20 * 211];
        random.NextDoubles(draws);
        Assert.Equal(TestData.Doubles(Vectors.GetProperty("seed1_mask_D1_row0_first5")), draws[..5]);
        Assert.Equal(TestData.Doubles(Vectors.GetProperty("seed1_mask_D1_row1_first2")), draws[211..213]);
    }

    [Fact]
    public void SameSeedSameSequence()
    {
        var a = new NumpyRandomState(12345);
        var b = new NumpyRandomState(12345);
        for (int i = 0; i < 2000; i++)
        {
            Assert.Equal(a.NextUInt32(), b.NextUInt32());
        }
    }
}
