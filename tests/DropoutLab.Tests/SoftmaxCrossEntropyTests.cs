using DropoutLab.Losses;
using DropoutLab.Numerics;

namespace DropoutLab.Tests;

// Softmax cross-entropy at logits far outside exp's range: the max-shift pₖ = e^(zₖ − max z) / Σ e^(z − max z) keeps
// every exponent ≤ 0, so logits of ±1000 give finite probabilities and the exact log-sum-exp. Expected values are
// written with PortableMath.Exp/Log, the functions the library uses, so they are exact to the bit.
[Trait("Category", "Fast")]
public class SoftmaxCrossEntropyTests
{
    // C = 3 classes × m = 4 examples, row-major (class k of example j at k·4 + j). The maximum of each column sits in
    // a different row (0, 1, 2, and a tie), so the max scan is checked over every class.
    private static readonly double[] Logits =
    [
        1000.0, -1000.0, -1000.0, -1000.0,
        999.0, 1000.0, -1000.0, -1000.0,
        -1000.0, 998.0, 1000.0, -1000.0,
    ];

    private static Matrix<double> ProbabilitiesOf(double[] logits, int classes)
    {
        var probabilities = new Matrix<double>(classes, logits.Length / classes);
        SoftmaxCrossEntropy.Probabilities(new Matrix<double>(classes, logits.Length / classes, logits), probabilities);
        return probabilities;
    }

    [Fact]
    public void Logits_of_plus_and_minus_1000_give_the_shifted_softmax_exactly()
    {
        Matrix<double> p = ProbabilitiesOf(Logits, 3);
        double e1 = PortableMath.Exp(-1.0), e2 = PortableMath.Exp(-2.0);
        Assert.Equal(0.0, PortableMath.Exp(-1000.0));

        // Column 0: z − max = (0, −1, −2000); column 1: (−2000, 0, −2); column 2: (−2000, −2000, 0); column 3: all 0.
        double[] expected =
        [
            1.0 / (1.0 + e1), 0.0, 0.0, 1.0 / 3.0,
            e1 / (1.0 + e1), 1.0 / (1.0 + e2), 0.0, 1.0 / 3.0,
            0.0, e2 / (1.0 + e2), 1.0, 1.0 / 3.0,
        ];
        Assert.Equal(expected, p.Data);
        Assert.All(p.Data, value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void Float_logits_of_plus_and_minus_1000_stay_finite()
    {
        float[] logits = Array.ConvertAll(Logits, v => (float)v);
        var p = new Matrix<float>(3, 4);
        SoftmaxCrossEntropy.Probabilities(new Matrix<float>(3, 4, logits), p);
        float e1 = PortableMath.Exp(-1f);
        Assert.Equal(1f / (1f + e1), p[0, 0]);
        Assert.Equal(e1 / (1f + e1), p[1, 0]);
        Assert.Equal(1f, p[2, 2]);
        Assert.Equal(1f / 3f, p[0, 3]);
        Assert.All(p.Data, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void Summed_loss_at_large_logits_is_the_exact_log_sum_exp()
    {
        Matrix<double> p = ProbabilitiesOf(Logits, 3);
        double e1 = PortableMath.Exp(-1.0), e2 = PortableMath.Exp(-2.0);

        // −ln pᵧ = log Σₖ e^(zₖ − z_y): ln(1 + e^−1) for the largest logit, 1 + ln(1 + e^−1) one below it.
        Assert.Equal(-PortableMath.Log(1.0 / (1.0 + e1)), SoftmaxCrossEntropy.SumLoss(p, [0]));
        Assert.Equal(-PortableMath.Log(e1 / (1.0 + e1)), SoftmaxCrossEntropy.SumLoss(p, [1]));
        Assert.Equal(
            -PortableMath.Log(1.0 / (1.0 + e1)) - PortableMath.Log(e2 / (1.0 + e2)) - PortableMath.Log(1.0) - PortableMath.Log(1.0 / 3.0),
            SoftmaxCrossEntropy.SumLoss(p, [0, 2, 2, 1]));
        Assert.InRange(-PortableMath.Log(1.0 / (1.0 + e1)), 0.3132616875, 0.3132616876);

        // p = 0 after underflow: the clip moves it to the smallest positive double, a finite loss of ≈ 744.4.
        double underflow = SoftmaxCrossEntropy.SumLoss(p, [2]);
        Assert.Equal(-PortableMath.Log(double.Epsilon), underflow);
        Assert.True(double.IsFinite(underflow));
    }

    [Fact]
    public void One_class_has_probability_one_and_no_loss()
    {
        Matrix<double> p = ProbabilitiesOf([-1000.0, 0.0, 1000.0], 1);
        Assert.Equal(new[] { 1.0, 1.0, 1.0 }, p.Data);
        Assert.Equal(0.0, SoftmaxCrossEntropy.SumLoss(p, [0, 0, 0]));
    }

    [Fact]
    public void Gradient_is_probabilities_minus_one_hot_of_the_labels()
    {
        Matrix<double> p = ProbabilitiesOf(Logits, 3);
        var gradient = new Matrix<double>(3, 4);
        SoftmaxCrossEntropy.Gradient(p, [0, 2, 2, 1], gradient);
        double[] expected = (double[])p.Data.Clone();
        expected[0] -= 1.0;           // class 0 of example 0
        expected[(2 * 4) + 1] -= 1.0; // class 2 of example 1
        expected[(2 * 4) + 2] -= 1.0; // class 2 of example 2
        expected[(1 * 4) + 3] -= 1.0; // class 1 of example 3
        Assert.Equal(expected, gradient.Data);
        Assert.Equal(0.0, gradient[2, 2]);
    }

    [Fact]
    public void Null_matrices_are_rejected_by_name()
    {
        var m = new Matrix<double>(2, 2);
        Assert.Equal("logits", Assert.Throws<ArgumentNullException>(() => SoftmaxCrossEntropy.Probabilities(null!, m)).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentNullException>(() => SoftmaxCrossEntropy.Probabilities(m, null!)).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentNullException>(() => SoftmaxCrossEntropy.Gradient(null!, [0], m)).ParamName);
        Assert.Equal("logitGradient", Assert.Throws<ArgumentNullException>(() => SoftmaxCrossEntropy.Gradient(m, [0], null!)).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentNullException>(() => SoftmaxCrossEntropy.SumLoss<double>(null!, [0])).ParamName);
    }
}
