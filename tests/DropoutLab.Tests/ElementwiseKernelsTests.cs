using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class ElementwiseKernelsTests
{
    [Theory]
    [InlineData(0.86)]
    [InlineData(0.5)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(0.123)]
    [InlineData(0.999)]
    public void VectorDivisionGivesTheBitsOfTrueDivision(double keepProb)
    {
        var random = new NumpyRandomState(17);
        var x = new double[100_003];
        for (int i = 0; i < x.Length; i++)
        {
            // magnitudes from 1e-30 to 1e30, both signs, and exact zeros
            x[i] = i % 97 == 0 ? 0 : (random.NextGaussian() * Math.Pow(10, (random.NextDouble() * 60) - 30));
        }

        var y = new double[x.Length];
        TestDivision.Divide<double>(x, keepProb, y);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(x[i] / keepProb), BitConverter.DoubleToInt64Bits(y[i]));
        }

        var xf = x.Select(v => (float)v).ToArray();
        var yf = new float[xf.Length];
        TestDivision.Divide<float>(xf, keepProb, yf);
        for (int i = 0; i < xf.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(xf[i] / (float)keepProb), BitConverter.SingleToInt32Bits(yf[i]));
        }
    }

    [Fact]
    public void SigmoidBitsDoNotDependOnTheBufferAddress()
    {
        var random = new NumpyRandomState(5);
        var logits = new double[211];
        for (int i = 0; i < logits.Length; i++)
        {
            logits[i] = random.NextGaussian() * 6;
        }

        double[] reference = new double[logits.Length];
        ElementwiseKernels.Sigmoid<double>(logits, reference);
        for (int offset = 1; offset < 9; offset++)
        {
            var input = new double[logits.Length + offset];
            var output = new double[logits.Length + offset];
            logits.CopyTo(input, offset);
            ElementwiseKernels.Sigmoid<double>(input.AsSpan(offset), output.AsSpan(offset));
            Assert.Equal(reference, output[offset..]);
        }

        for (int i = 0; i < logits.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-logits[i])), reference[i], 14);
        }
    }
}
