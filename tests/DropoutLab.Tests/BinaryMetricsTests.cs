using DropoutLab.Study;

namespace DropoutLab.Tests;

public class BinaryMetricsTests
{
    private static double Logit(double p) => Math.Log(p / (1 - p));

    [Fact]
    public void AccuracyCountsPositiveLogitsAsClassOne()
    {
        Assert.Equal(0.75, BinaryMetrics.Accuracy([2.0, -1.0, 0.5, -3.0], [1, 0, 0, 0]));
    }

    [Fact]
    public void LogLossMatchesTheDirectFormulaAndStaysFiniteWhenSaturated()
    {
        double[] logits = [1.5, -0.3, 2.0];
        int[] labels = [1, 0, 0];
        double direct = 0;
        for (int j = 0; j < 3; j++)
        {
            double p = 1 / (1 + Math.Exp(-logits[j]));
            direct += labels[j] == 1 ? -Math.Log(p) : -Math.Log(1 - p);
        }

        Assert.Equal(direct / 3, BinaryMetrics.LogLoss(logits, labels), 12);
        Assert.Equal(800.0, BinaryMetrics.LogLoss([800.0], [0]), 9);
        Assert.Equal(0.0, BinaryMetrics.LogLoss([800.0], [1]));
    }

    [Fact]
    public void CalibrationErrorWeighsEachBinsGapByItsShare()
    {
        // Bin 9 (p = 0.95): labels 1, 1, 0, 1 → |0.75 − 0.95| = 0.2, weight 4/6. Bin 2 (p = 0.25): labels 0, 1 →
        // |0.5 − 0.25| = 0.25, weight 2/6. ECE = (0.8 + 0.5)/6.
        double[] logits = [Logit(0.95), Logit(0.95), Logit(0.95), Logit(0.95), Logit(0.25), Logit(0.25)];
        int[] labels = [1, 1, 0, 1, 0, 1];
        Assert.Equal(1.3 / 6, BinaryMetrics.ExpectedCalibrationError(logits, labels), 12);
        Assert.Equal(0.0, BinaryMetrics.ExpectedCalibrationError([Logit(0.5), Logit(0.5)], [0, 1]), 12);
    }

    [Fact]
    public void MeanAbsLogitAndMeanStd()
    {
        Assert.Equal(2.0, BinaryMetrics.MeanAbsLogit([-1.0, 3.0]));
        MeanStd stats = MeanStd.Of([1.0, 3.0]);
        Assert.Equal(2.0, stats.Mean);
        Assert.Equal(1.0, stats.Std);
        Assert.Equal(0.0, MeanStd.Of([5.0]).Std);
    }
}
