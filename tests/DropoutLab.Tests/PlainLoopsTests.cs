using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Numerics.Simd;
using DropoutLab.Random;

namespace DropoutLab.Tests;

// The plain double loops the browser runs must give the bits of the vector kernels at every width.
[Trait("Category", "Fast")]
public class PlainLoopsTests
{
    public static TheoryData<int> Lengths() => [0, 1, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 128, 129, 211, 1000];

    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 },
        { 3, 2, 7 },
        { 20, 2, 211 },
        { 3, 20, 211 },
        { 1, 3, 211 },
        { 4, 4, 9 },
        { 5, 5, 17 },
        { 2, 7, 3 },
        { 7, 1, 8 },
        { 1, 6, 0 },
        { 3, 0, 5 },
        { 0, 3, 5 },
    };

    private static double[] Gaussian(int length, NumpyRandomState random)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextGaussian();
        }

        return values;
    }

    private static Matrix<double> Gaussian(int rows, int columns, NumpyRandomState random)
    {
        var matrix = new Matrix<double>(rows, columns);
        Gaussian(rows * columns, random).CopyTo(matrix.Data, 0);
        return matrix;
    }

    private static void AssertSameBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }

    private static void AssertSameBits(double expected, double actual) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DenseProductsMatchEveryWidth(int outputs, int inputs, int examples)
    {
        var random = new NumpyRandomState(7);
        Matrix<double> w = Gaussian(outputs, inputs, random), x = Gaussian(inputs, examples, random), dz = Gaussian(outputs, examples, random);
        double[] bias = Gaussian(outputs, random);

        var z = new Matrix<double>(outputs, examples);
        var dw = new Matrix<double>(outputs, inputs);
        var dx = new Matrix<double>(inputs, examples);
        PlainLoops.Affine(w.Data, x.Data, bias, z.Data, outputs, inputs, examples);
        PlainLoops.WeightGradient(dz.Data, x.Data, 1.0 / 3, dw.Data, outputs, inputs, examples);
        PlainLoops.InputGradient(w.Data, dz.Data, dx.Data, outputs, inputs, examples);
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            var zWidth = new Matrix<double>(outputs, examples);
            var dwWidth = new Matrix<double>(outputs, inputs);
            var dxWidth = new Matrix<double>(inputs, examples);
            ColumnKernels.Affine(w, x, bias, zWidth, width);
            ColumnKernels.WeightGradient(dz, x, 1.0 / 3, dwWidth, width);
            ColumnKernels.InputGradient(w, dz, dxWidth, width);
            AssertSameBits(zWidth.Data, z.Data);
            AssertSameBits(dwWidth.Data, dw.Data);
            AssertSameBits(dxWidth.Data, dx.Data);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotAndPairwiseSumMatchEveryWidth(int length)
    {
        var random = new NumpyRandomState(11);
        double[] a = Gaussian(length, random), b = Gaussian(length, random);
        double dot = PlainLoops.Dot(a, b), sum = PlainLoops.PairwiseSum(a);
        AssertSameBits(ColumnKernelsReference.Dot<double>(a, b), dot);
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            AssertSameBits(ColumnKernels.Dot<double>(a, b, width), dot);
            AssertSameBits(PairwiseSum.Sum<double>(a, width), sum);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ElementwiseLoopsMatchEveryWidth(int length)
    {
        var random = new NumpyRandomState(13);
        double[] x = Gaussian(length, random), y = Gaussian(length, random);
        for (int i = 0; i < length; i++)
        {
            x[i] *= 12;
        }

        var sigmoid = new double[length];
        var difference = new double[length];
        double[] axpy = [.. y];
        PlainLoops.Sigmoid(x, sigmoid);
        PlainLoops.Subtract(x, y, difference);
        PlainLoops.AddScaled(x, -0.3, axpy);
        foreach (SimdWidth width in SimdWidths.Supported)
        {
            var expected = new double[length];
            ElementwiseKernels.Sigmoid<double>(x, expected, width);
            AssertSameBits(expected, sigmoid);
            double[] expectedAxpy = [.. y];
            ElementwiseKernels.AddScaled<double>(x, -0.3, expectedAxpy, width);
            AssertSameBits(expectedAxpy, axpy);
        }

        for (int i = 0; i < length; i++)
        {
            AssertSameBits(x[i] - y[i], difference[i]);
        }
    }

    [Fact]
    public void ExpMatchesThePortableExpEverywhere()
    {
        double[] special =
        [
            0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, 0.5, 706.9, 707.0, -707.0, 707.5, -707.5, 709.78, 709.79, 710.0, 800.0,
            -744.0, -745.1, -746.0, -800.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon,
            double.MaxValue, double.MinValue, 0.34657359027997264, -0.34657359027997264,
        ];
        foreach (double x in special)
        {
            AssertSameBits(PortableMath.Exp(x), PlainLoops.Exp(x));
        }

        var random = new NumpyRandomState(17);
        for (int i = 0; i < 20000; i++)
        {
            double x = (random.NextDouble() - 0.5) * (i % 2 == 0 ? 60 : 1500);
            AssertSameBits(PortableMath.Exp(x), PlainLoops.Exp(x));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DropoutApplyMatchesEveryWidth(int length)
    {
        var random = new NumpyRandomState(19);
        double[] values = Gaussian(length, random), gate = Gaussian(length, random);
        var mask = new ulong[DropoutKernel.MaskWordCount(length)];
        for (int w = 0; w < mask.Length; w++)
        {
            mask[w] = ((ulong)random.NextUInt32() << 32) | random.NextUInt32();
        }

        if (mask.Length > 0 && length % 64 != 0)
        {
            mask[^1] &= (1UL << (length % 64)) - 1;
        }

        // The forward pass gates by the values themselves (one buffer), the backward pass by the pre-activations.
        foreach (double[] gateOf in new[] { gate, values })
        {
            foreach (bool relu in new[] { false, true })
            {
                foreach (bool divide in new[] { false, true })
                {
                    foreach (DropoutScaling scaling in new[] { DropoutScaling.Inverted, DropoutScaling.AtInference })
                    {
                        var plain = new double[length];
                        PlainLoops.DropoutApply(values, gateOf, plain, mask, relu, divide && scaling == DropoutScaling.Inverted, 0.86, DropoutKernel.TrainingScale(0.86, scaling));
                        foreach (SimdWidth width in SimdWidths.Supported)
                        {
                            var expected = new double[length];
                            DropoutKernel.Run<double>(values, gateOf, expected, mask, null, 0.86, scaling, relu, divide, 1, width);
                            AssertSameBits(expected, plain);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void TheCourseRunHasTheSameBitsOnThePlainLoops()
    {
        var settings = new CourseSettings { KeepProb = 0.86, Iterations = 400, RecordEvery = 100 };
        CourseResult vector = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        CourseResult plain;
        Assert.False(PlainLoops.ForcedOnThisThread);
        PlainLoops.ForcedOnThisThread = true;
        try
        {
            Assert.True(PlainLoops.Enabled);
            plain = CourseExperiment.Run(settings, FootballData.Train(), FootballData.Test());
        }
        finally
        {
            PlainLoops.ForcedOnThisThread = false;
        }

        Assert.Equal(OperatingSystem.IsBrowser(), PlainLoops.Enabled);
        Assert.Equal(vector.Costs.Count, plain.Costs.Count);
        for (int c = 0; c < vector.Costs.Count; c++)
        {
            AssertSameBits(vector.Costs[c].Cost, plain.Costs[c].Cost);
        }

        AssertSameBits(vector.TestLogLoss, plain.TestLogLoss);
        for (int p = 0; p < vector.Network.Parameters.Count; p++)
        {
            AssertSameBits(vector.Network.Parameters[p].Value.Data, plain.Network.Parameters[p].Value.Data);
        }
    }
}
