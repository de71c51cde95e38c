using DropoutLab.Metrics;
using DropoutLab.Numerics;
using DropoutLab.Study;

namespace DropoutLab.Tests;

// Reference values were computed independently with Python's mpmath (200-bit logarithms and exponentials rounded
// once to double) and plain IEEE double sums in the same order. PortableMath's exp and log are within 1 ulp, so
// values that pass through them are compared to a relative 1e-15; the others are exact.
[Trait("Category", "Fast")]
public class BinaryMetricsTests
{
    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void AccuracyFromLogits_CountsPositiveLogitsAsClassOne()
    {
        Assert.Equal(0.75, BinaryAccuracy.FromLogits([2.0, -1.0, 0.5, -3.0], [1, 0, 0, 0]));
    }

    [Fact]
    public void AccuracyFromProbabilities_CountsOnlyPAboveOneHalfAsClassOne()
    {
        Assert.Equal(0.75, BinaryAccuracy.FromProbabilities([0.5, 0.51, 0.2, 0.9], [0, 1, 1, 1]));

        // σ(10⁻³⁰⁰) rounds to exactly 0.5: the logit says class 1, the rounded probability class 0.
        double p = 1 / (1 + PortableMath.Exp(-1e-300));
        Assert.Equal(0.5, p);
        Assert.Equal(1.0, BinaryAccuracy.FromLogits([1e-300], [1]));
        Assert.Equal(0.0, BinaryAccuracy.FromProbabilities([p], [1]));
        Assert.True(double.IsNaN(BinaryAccuracy.FromProbabilities([], [])));
    }

    [Fact]
    public void LogLossFromProbabilities_MatchesTheReference()
    {
        // (−ln 0.9 − ln 0.8 − ln 0.4)/3
        AssertClose(0.414931599615397, BinaryLogLoss.FromProbabilities([0.9, 0.2, 0.6], [1, 0, 0]));
    }

    [Fact]
    public void LogLossFromProbabilities_ClipsToOneMinusEpsilonAndEpsilon()
    {
        Assert.Equal(1e-15, LogLossClipping.ProbabilityEpsilon);
        Assert.Equal(1e-15, LogLossClipping.Clip(0.0, LogLossClipping.ProbabilityEpsilon));
        Assert.Equal(0.999999999999999, LogLossClipping.Clip(1.0, LogLossClipping.ProbabilityEpsilon));
        Assert.Equal(0.3, LogLossClipping.Clip(0.3, LogLossClipping.ProbabilityEpsilon));

        // p = 0, y = 1: −ln 10⁻¹⁵. p = 0, y = 0 and p = 1, y = 1: −ln fl(1 − 10⁻¹⁵).
        // p = 1, y = 0: −ln(1 − fl(1 − 10⁻¹⁵)) = −ln 9.992007221626409e-16, not −ln 10⁻¹⁵: the clip acts on p.
        AssertClose(34.538776394910684, BinaryLogLoss.FromProbabilities([0.0], [1]));
        AssertClose(9.992007221626415e-16, BinaryLogLoss.FromProbabilities([0.0], [0]));
        AssertClose(9.992007221626415e-16, BinaryLogLoss.FromProbabilities([1.0], [1]));
        AssertClose(34.53957599234088, BinaryLogLoss.FromProbabilities([1.0], [0]));
        Assert.True(double.IsFinite(BinaryLogLoss.FromProbabilities([1.0, 0.0], [0, 1])));
    }

    [Fact]
    public void LogLossFromProbabilities_LetsNaNThrough()
    {
        Assert.True(double.IsNaN(LogLossClipping.Clip(double.NaN, LogLossClipping.ProbabilityEpsilon)));
        Assert.True(double.IsNaN(BinaryLogLoss.FromProbabilities([0.5, double.NaN], [1, 0])));
        Assert.True(double.IsNaN(BinaryLogLoss.FromProbabilities([], [])));
        Assert.Throws<ArgumentException>(() => BinaryLogLoss.FromProbabilities([0.5], [1, 0]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-300)]
    [InlineData(1e-16)]
    [InlineData(1e-15)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9999999999999999)]
    [InlineData(1.0)]
    public void LogLossFromProbabilities_HasTheBitsOfTheCourseFormulaItReplaced(double p)
    {
        // The course's former loop: −ln clamp(p, 10⁻¹⁵, 1 − 10⁻¹⁵) or −ln(1 − clamp(…)), summed and divided by m.
        double[] probabilities = [p, p, 1 - p];
        int[] labels = [1, 0, 0];
        double sum = 0.0;
        foreach ((double q, int y) in probabilities.Zip(labels))
        {
            double c = Math.Clamp(q, 1e-15, 1.0 - 1e-15);
            sum -= y == 1 ? PortableMath.Log(c) : PortableMath.Log(1.0 - c);
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(sum / 3), BitConverter.DoubleToInt64Bits(BinaryLogLoss.FromProbabilities(probabilities, labels)));
    }

    [Fact]
    public void LogLossFromLogits_MatchesTheReferenceAndIsNotClipped()
    {
        // Terms max(z, 0) − z·y + ln(1 + e^−|z|): ln(1 + e^−1.5), ln(1 + e^−0.3), 2 + ln(1 + e^−2); their mean.
        AssertClose(0.960898844498084, BinaryLogLoss.FromLogits([1.5, -0.3, 2.0], [1, 0, 0]));

        // Far beyond the 34.5 a probability clip would allow: the logit form is exact.
        Assert.Equal(800.0, BinaryLogLoss.FromLogits([800.0], [0]));
        Assert.Equal(0.0, BinaryLogLoss.FromLogits([800.0], [1]));
        AssertClose(40.0, BinaryLogLoss.FromLogits([-40.0], [1]));
        Assert.True(double.IsNaN(BinaryLogLoss.FromLogits([double.NaN], [1])));
        Assert.Throws<ArgumentException>(() => BinaryLogLoss.FromLogits([], []));
        Assert.Throws<ArgumentException>(() => BinaryLogLoss.FromLogits([1.0], [1, 0]));
    }

    [Fact]
    public void CalibrationError_WeighsEachBinsGapByItsShare()
    {
        // Bin 9 (p = 0.95): labels 1, 1, 0, 1 → |0.75 − 0.95| = 0.2, weight 4/6. Bin 2 (p = 0.25): labels 0, 1 →
        // |0.5 − 0.25| = 0.25, weight 2/6. ECE = (0.8 + 0.5)/6.
        double[] logits = [Logit(0.95), Logit(0.95), Logit(0.95), Logit(0.95), Logit(0.25), Logit(0.25)];
        int[] labels = [1, 1, 0, 1, 0, 1];
        Assert.Equal(1.3 / 6, BinaryCalibrationError.FromLogits(logits, labels), 12);
        Assert.Equal(0.0, BinaryCalibrationError.FromLogits([Logit(0.5), Logit(0.5)], [0, 1]), 12);
    }

    [Fact]
    public void CalibrationError_PutsPOfOneInTheTopBinAndPOfZeroInTheBottomOne()
    {
        // σ(0) = 0.5, σ(800) = 1, σ(−800) = 0 exactly. Bin 5: Σy = 1, Σp = 1.5; bin 9: Σy = 1, Σp = 2; bin 0: 0, 0.
        // ECE = (0.5 + 1 + 0)/6 = 0.25.
        Assert.Equal(0.25, BinaryCalibrationError.FromLogits([0, 0, 0, 800, 800, -800], [1, 0, 0, 1, 0, 0]));
        Assert.Equal(9, CalibrationBins.Index(1.0, 10));
        Assert.Equal(0, CalibrationBins.Index(0.0, 10));
        Assert.Equal(0, CalibrationBins.Index(double.NaN, 10));
        Assert.Equal(2, CalibrationBins.Index(0.25, 10));
        Assert.Equal(10, CalibrationBins.Default);
    }

    [Fact]
    public void BinaryAndConfidenceCalibrationErrors_AreDifferentMetrics()
    {
        // p = P(y = 1) = 0.2 and 0.8, both labels 1. Binary: bins 2 and 8, (|1 − 0.2| + |1 − 0.8|)/2 = 0.5.
        // Top-label: both confidences 0.8 (classes 0 and 1 predicted), one right → |0.5 − 0.8| = 0.3.
        double binary = BinaryCalibrationError.FromLogits([-Math.Log(4), Math.Log(4)], [1, 1]);
        Assert.Equal(0.5, binary, 15);
        Assert.Equal(0.30000000000000004, ConfidenceCalibrationError.FromConfidences([0.8, 0.8], [false, true]));
    }

    [Fact]
    public void MeanAbsLogitAndMeanStd()
    {
        Assert.Equal(2.0, MeanAbsLogit.Of([-1.0, 3.0]));
        Assert.Throws<ArgumentException>(() => MeanAbsLogit.Of([]));
        MeanStd stats = MeanStd.Of([1.0, 3.0]);
        Assert.Equal(2.0, stats.Mean);
        Assert.Equal(1.0, stats.Std);
        Assert.Equal(0.0, MeanStd.Of([5.0]).Std);
    }
}
