using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class ColumnKernelsTests
{
    private static Matrix<double> Random(int rows, int columns, NumpyRandomState random)
    {
        var m = new Matrix<double>(rows, columns);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = random.NextGaussian();
        }

        return m;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 7)]
    [InlineData(20, 2, 211)]
    [InlineData(3, 20, 211)]
    [InlineData(17, 9, 129)]
    [InlineData(1, 3, 16)]
    public void FastKernelsAgreeWithTheReference(int outputs, int inputs, int examples)
    {
        var random = new NumpyRandomState(42);
        Matrix<double> w = Random(outputs, inputs, random), x = Random(inputs, examples, random), dz = Random(outputs, examples, random);
        double[] bias = Random(outputs, 1, random).Data;

        Matrix<double> fast = new(outputs, examples), reference = new(outputs, examples);
        ColumnKernels.Affine(w, x, bias, fast);
        ColumnKernelsReference.Affine(w, x, bias, reference);
        AssertClose(reference.Data, fast.Data);

        Matrix<double> dwFast = new(outputs, inputs), dwReference = new(outputs, inputs);
        ColumnKernels.WeightGradient(dz, x, 0.25, dwFast);
        ColumnKernelsReference.WeightGradient(dz, x, 0.25, dwReference);
        AssertClose(dwReference.Data, dwFast.Data);

        Matrix<double> dxFast = new(inputs, examples), dxReference = new(inputs, examples);
        ColumnKernels.InputGradient(w, dz, dxFast);
        ColumnKernelsReference.InputGradient(w, dz, dxReference);
        AssertClose(dxReference.Data, dxFast.Data);
    }

    [Fact]
    public void MismatchedShapesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ColumnKernels.Affine(new Matrix<double>(2, 3), new Matrix<double>(4, 5), new double[2], new Matrix<double>(2, 5)));
    }

    [Fact]
    public void PairwiseSumMatchesNumpyOnACancellingSeries()
    {
        // np.sum(np.array([1e16, 1.0, -1e16, 1.0] * 50)) == 128.0 in numpy's pairwise order
        // (a left-to-right sum gives 1.0), and np.sum(np.arange(300) * 0.1) == 4485.0.
        double[] cancelling = [.. Enumerable.Range(0, 200).Select(i => (i % 4) switch { 0 => 1e16, 2 => -1e16, _ => 1.0 })];
        Assert.Equal(128.0, PairwiseSum.Sum<double>(cancelling));
        Assert.Equal(4485.0, PairwiseSum.Sum<double>([.. Enumerable.Range(0, 300).Select(i => i * 0.1)]));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * (1 + Math.Abs(expected[i])), $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
