using System.Numerics.Tensors;
using DropoutLab.Numerics;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class ReluKernelTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(211)]
    public void ReluKernelHasTheBitsOfTensorPrimitivesMax(int n)
    {
        double[] special = [-0.0, 0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, -1.5, 2.5];
        var random = new System.Random(5);
        double[] x = [.. Enumerable.Range(0, n).Select(i => i < special.Length ? special[i] : random.NextDouble() - 0.5)];
        var expected = new double[n];
        var actual = new double[n];
        TensorPrimitives.Max<double>(x, 0.0, expected);
        ElementwiseKernels.Relu<double>(x, actual);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

        float[] xf = [.. x.Select(v => (float)v)];
        var expectedF = new float[n];
        var actualF = new float[n];
        TensorPrimitives.Max<float>(xf, 0f, expectedF);
        ElementwiseKernels.Relu<float>(xf, actualF);
        Assert.Equal(expectedF.Select(BitConverter.SingleToInt32Bits), actualF.Select(BitConverter.SingleToInt32Bits));
    }
}
