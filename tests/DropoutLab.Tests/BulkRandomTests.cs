using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class BulkRandomTests
{
    // Lengths that cross the 624-word state boundary at different offsets (the twist is vectorized in chunks of 8).
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 624)]
    [InlineData(1, 623)]
    [InlineData(3, 1250)]
    [InlineData(620, 9)]
    [InlineData(5, 5000)]
    public void BulkWordsEqualOneAtATime(int skip, int count)
    {
        var bulk = new NumpyRandomState(2024);
        var single = new NumpyRandomState(2024);
        for (int i = 0; i < skip; i++)
        {
            bulk.NextUInt32();
            single.NextUInt32();
        }

        var words = new uint[count];
        bulk.NextUInt32s(words);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(single.NextUInt32(), words[i]);
        }

        Assert.Equal(single.NextUInt32(), bulk.NextUInt32());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(511)]
    [InlineData(513)]
    [InlineData(4220)]
    public void BulkDoublesEqualNextDoubleBitForBit(int count)
    {
        var bulk = new NumpyRandomState(7);
        var single = new NumpyRandomState(7);
        bulk.NextDouble();
        single.NextDouble();
        var draws = new double[count];
        bulk.NextDoubles(draws);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(single.NextDouble()), BitConverter.DoubleToInt64Bits(draws[i]));
        }
    }

    [Fact]
    public void TheInterfaceDefaultDrawsTheSameAsNextDouble()
    {
        IRandomSource counting = new CountingSource();
        var draws = new double[5];
        counting.NextDoubles(draws);
        Assert.Equal([0.0, 0.125, 0.25, 0.375, 0.5], draws);
    }

    [Theory]
    [InlineData(0.5, 20, 211)]
    [InlineData(0.86, 3, 7)]
    public void DropoutMaskIsUniformBelowKeepProbInRowMajorOrder(double keepProb, int rows, int columns)
    {
        var dropout = new Dropout<double>(keepProb, DropoutScaling.Inverted, new NumpyStreamMasks(new NumpyRandomState(11)));
        var x = new Matrix<double>(rows, columns);
        x.Fill(1.0);
        dropout.Forward(x, Mode.Train);
        var reference = new NumpyRandomState(11);
        foreach (double m in TestMasks.Values(dropout))
        {
            Assert.Equal(reference.NextDouble() < keepProb ? 1.0 : 0.0, m);
        }

        var single = new Dropout<float>(keepProb, DropoutScaling.Inverted, new NumpyStreamMasks(new NumpyRandomState(11)));
        var xf = new Matrix<float>(rows, columns);
        xf.Fill(1f);
        single.Forward(xf, Mode.Train);
        Assert.Equal(TestMasks.Values(dropout).Select(m => (float)m), TestMasks.Values(single));
    }

    private sealed class CountingSource : IRandomSource
    {
        private int _next;

        public void Seed(uint seed) => _next = 0;

        public double NextDouble() => _next++ / 8.0;

        public double NextGaussian() => 0.0;
    }
}
