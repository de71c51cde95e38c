using DropoutLab.Metrics;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Tests;

// Reference values were computed independently with Python's mpmath (200-bit logarithms rounded once to double) and
// plain IEEE double sums in the same order; PortableMath's log is within 1 ulp, so sums of logarithms are compared to
// a relative 1e-15 and everything else exactly.
[Trait("Category", "Fast")]
public class MultiClassMetricsTests
{
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    private static Matrix<T> Columns<T>(params T[][] columns)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var matrix = new Matrix<T>(columns[0].Length, columns.Length);
        for (int j = 0; j < columns.Length; j++)
        {
            for (int k = 0; k < columns[j].Length; k++)
            {
                matrix[k, j] = columns[j][k];
            }
        }

        return matrix;
    }

    [Fact]
    public void LogLoss_SumsMinusLnOfTheTrueClassProbability()
    {
        // −ln 0.7 − ln 0.5 − ln 0.25
        Matrix<double> p = Columns<double>([0.7, 0.2, 0.1], [0.25, 0.5, 0.25], [0.25, 0.5, 0.25]);
        AssertClose(2.4361164856185686, MultiClassLogLoss.Sum(p, [0, 1, 2]));
    }

    [Fact]
    public void LogLoss_OnlyMovesAnUnderflowedZero_ToTheSmallestPositiveValueOfItsPrecision()
    {
        // float32: −ln fl32(0.7) − ln(2⁻¹⁴⁹) = 0.35667496… + 103.27892990343184
        Assert.Equal(1.401298464324817e-45, LogLossClipping.SoftmaxEpsilon<float>());
        Assert.Equal(double.Epsilon, LogLossClipping.SoftmaxEpsilon<double>());
        AssertClose(103.63560486440048, MultiClassLogLoss.Sum(Columns<float>([0.7f, 0.3f], [1f, 0f]), [0, 1]));
        AssertClose(103.27892990343184, MultiClassLogLoss.Sum(Columns<float>([0f, 1f]), [0]));

        // float64: −ln 0.7 − ln(2⁻¹⁰⁷⁴) = 0.35667494… + 744.4400719213812
        AssertClose(744.79674686532, MultiClassLogLoss.Sum(Columns<double>([0.7, 0.3], [1.0, 0.0]), [0, 1]));

        // The smallest positive float is not moved, and p = 1 costs exactly 0 (1 − ε rounds to 1).
        AssertClose(103.27892990343184, MultiClassLogLoss.Sum(Columns<float>([float.Epsilon, 1f]), [0]));
        Assert.Equal(0.0, MultiClassLogLoss.Sum(Columns<float>([0f, 1f], [1f, 0f]), [1, 0]));
        Assert.Equal(0.0, MultiClassLogLoss.Sum(Columns<double>([1.0, 0.0]), [0]));
    }

    [Fact]
    public void LogLoss_OfWidenedProbabilities_UsesThePrecisionTheyWereComputedIn()
    {
        double[,] p = { { 0.0 }, { 1.0 } };
        AssertClose(103.27892990343184, MultiClassLogLoss.Sum<float>(p, [0]));
        AssertClose(744.4400719213812, MultiClassLogLoss.Sum<double>(p, [0]));
        Assert.Equal(0.0, MultiClassLogLoss.Sum<double>(new double[3, 0], []));
    }

    [Fact]
    public void LogLoss_LetsNaNThrough()
    {
        Assert.True(double.IsNaN(MultiClassLogLoss.Sum(Columns<float>([float.NaN, 0.5f], [0.5f, 0.5f]), [0, 1])));
    }

    [Fact]
    public void LogLoss_HasTheBitsOfTheTwoLoopsItReplaced()
    {
        // Softmax outputs of random logits spread over ±40, in both precisions: the former training loss clamped at
        // T.Epsilon, the former evaluation loss at 10⁻³⁰⁰; neither clamp is reached, and all three agree bit for bit.
        var random = new System.Random(5);
        var logits = new Matrix<float>(4, 300);
        for (int i = 0; i < logits.Data.Length; i++)
        {
            logits.Data[i] = (float)((random.NextDouble() - 0.5) * 80);
        }

        var probabilities = new Matrix<float>(4, 300);
        DropoutLab.Losses.SoftmaxCrossEntropy.Probabilities(logits, probabilities);
        int[] labels = [.. Enumerable.Range(0, 300).Select(j => j % 4)];
        var widened = new double[4, 300];
        double training = 0, evaluation = 0;
        for (int j = 0; j < 300; j++)
        {
            for (int k = 0; k < 4; k++)
            {
                widened[k, j] = probabilities[k, j];
            }

            double p = probabilities[labels[j], j];
            Assert.True(p >= 1e-300, $"p = {p:R}");
            training -= PortableMath.Log(Math.Max(p, (double)float.Epsilon));
            evaluation -= PortableMath.Log(Math.Max(p, 1e-300));
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(training), BitConverter.DoubleToInt64Bits(MultiClassLogLoss.Sum(probabilities, labels)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(evaluation), BitConverter.DoubleToInt64Bits(MultiClassLogLoss.Sum<float>(widened, labels)));
        Assert.Equal(evaluation / 300, Classifier<float>.Score(widened, labels).LogLoss);
    }

    [Fact]
    public void ArgMax_BreaksTiesToTheLowestIndex()
    {
        double[,] scores =
        {
            { 0.3, 0.5, 0.2, 0.25 },
            { 0.3, 0.5, 0.4, 0.25 },
            { 0.4, 0.0, 0.4, 0.25 },
            { 0.0, 0.0, 0.0, 0.25 },
        };
        Assert.Equal([2, 0, 1, 0], Enumerable.Range(0, 4).Select(j => ArgMax.Column(scores, j)));

        Matrix<float> single = Columns<float>([0.3f, 0.3f, 0.4f], [0.5f, 0.5f, 0f], [0.2f, 0.4f, 0.4f]);
        Assert.Equal([2, 0, 1], Enumerable.Range(0, 3).Select(j => ArgMax.Column(single, j)));
    }

    [Fact]
    public void ArgMax_PicksANaNOnlyInTheFirstPlace()
    {
        Matrix<double> scores = Columns<double>([double.NaN, 1, 2], [1, double.NaN, 0.5], [0.1, double.NaN, 0.5]);
        Assert.Equal([0, 0, 2], Enumerable.Range(0, 3).Select(j => ArgMax.Column(scores, j)));
    }

    [Fact]
    public void ConfidenceCalibrationError_MatchesTheReference()
    {
        // Bin 9 (0.95 ×4 and 1.0): 4 of 5 right, mean confidence 0.96 → 0.16 at weight 5/7; bin 2 (0.25 ×2): 1 of 2
        // right → 0.25 at weight 2/7. ECE = 1.3/7, as IEEE doubles in this order 0.18571428571428567.
        double ece = ConfidenceCalibrationError.FromConfidences(
            [0.95, 0.95, 0.95, 0.95, 0.25, 0.25, 1.0], [true, true, false, true, false, true, true]);
        Assert.Equal(0.18571428571428567, ece);
        Assert.Equal(0.0, ConfidenceCalibrationError.FromConfidences([], []));
        Assert.Equal(0.0, ConfidenceCalibrationError.FromConfidences([1.0, 0.0], [true, false]));
        Assert.Throws<ArgumentException>(() => ConfidenceCalibrationError.FromConfidences([0.5], []));
    }

    [Fact]
    public void Score_UsesTheModulesMetrics()
    {
        // Three examples, two classes: predictions 0 (tie → 0), 1, 0; labels 0, 1, 1.
        double[,] p = { { 0.5, 0.1, 0.8 }, { 0.5, 0.9, 0.2 } };
        EvaluationReport report = Classifier<double>.Score(p, [0, 1, 1]);
        Assert.Equal(2.0 / 3, report.Accuracy);
        AssertClose(0.8026485362172906, report.LogLoss);
        Assert.Equal(ConfidenceCalibrationError.FromConfidences([0.5, 0.9, 0.8], [true, true, false]), report.ExpectedCalibrationError);
        Assert.Equal([[1, 0], [1, 1]], report.Confusion);
    }
}
