using System.Globalization;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;
using DropoutLab.Random;
using DropoutLab.Training;
using Xunit.Abstractions;

namespace DropoutLab.Tests;

// Dimension key: n = features, m = examples; X, Y, R (upstream gradient) : n × m; γ, β : n.
//   network widths 4 → 5 → 3, B = 6 examples; X : 4 × B.

/// <summary>
/// <see cref="BatchNorm{T}"/>: central differences in float64 of dx, dγ and dβ after training and evaluation passes
/// (the layer alone, under L = Σ R⊙Y, and inside Dense → BatchNorm → ReLU → Dense → softmax cross-entropy), a
/// hand-computed 2 × 4 case, the normalized moments, the running statistics' recurrence in closed form, evaluation
/// with the running statistics, argument checks, float32 against float64, and γ, β outside L2 and max-norm.
/// </summary>
[Trait("Category", "Fast")]
public class BatchNormTests(ITestOutputHelper output)
{
    private const double H = 1e-5;
    private const double Tolerance = 1e-6;

    // The check compares |a − n| / max(|a|, |n|, Floor): below Floor the rounding noise of the objective over 2h
    // (≈ 1e-11) would dominate, so such gradients are held to an absolute Floor·Tolerance = 1e-10.
    private const double Floor = 1e-4;

    private const double Epsilon = BatchNorm<double>.DefaultEpsilon;

    public static TheoryData<Mode> Modes => [Mode.Train, Mode.Eval];

    [Theory]
    [MemberData(nameof(Modes))]
    public void LayerGradientsMatchCentralDifferences(Mode mode)
    {
        (BatchNorm<double> layer, Matrix<double> x, Matrix<double> upstream) = LayerProblem(seed: 21);
        (double[] dx, double[] dGamma, double[] dBeta) = LayerAnalytic(layer, x, upstream, mode);
        (double[] nx, double[] nGamma, double[] nBeta) = LayerNumeric(layer, x, upstream, mode);

        double worst = 0;
        worst = Math.Max(worst, AssertClose("dx", dx, nx));
        worst = Math.Max(worst, AssertClose("dγ", dGamma, nGamma));
        worst = Math.Max(worst, AssertClose("dβ", dBeta, nBeta));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"layer alone, {mode}: max relative error {worst:E3} over {dx.Length + dGamma.Length + dBeta.Length} elements"));
    }

    [Fact]
    public void TheCheckRejectsTheEvaluationFormulaInTrainingAndAnErrorOfOneInTenThousand()
    {
        (BatchNorm<double> layer, Matrix<double> x, Matrix<double> upstream) = LayerProblem(seed: 21);
        (double[] nx, double[] nGamma, _) = LayerNumeric(layer, x, upstream, Mode.Train);

        // dx = γ·s·dy ignores that μ and σ² depend on x: every element is rejected in training.
        layer.Forward(x, Mode.Train);
        var naive = new double[nx.Length];
        for (int i = 0; i < layer.Features; i++)
        {
            double s = 1 / Math.Sqrt(BiasedVariance(x.Row(i)) + Epsilon);
            for (int j = 0; j < x.Columns; j++)
            {
                naive[(i * x.Columns) + j] = layer.Gamma.Value[i, 0] * s * upstream[i, j];
            }
        }

        Assert.All(Enumerable.Range(0, nx.Length), e => Assert.False(Accepts(naive[e], nx[e]), $"naive dx[{e}] accepted"));

        // Each correct element made wrong by a factor 1 + 1e-4 is rejected.
        (double[] dx, double[] dGamma, _) = LayerAnalytic(layer, x, upstream, Mode.Train);
        Assert.All(Enumerable.Range(0, dx.Length), e => Assert.True(Accepts(dx[e], nx[e]) && !Accepts(dx[e] * (1 + 1e-4), nx[e])));
        Assert.All(Enumerable.Range(0, dGamma.Length), e => Assert.True(Accepts(dGamma[e], nGamma[e]) && !Accepts(dGamma[e] * (1 + 1e-4), nGamma[e])));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void NetworkGradientsMatchCentralDifferences(Mode mode)
    {
        (Sequential<double> network, BatchNorm<double> norm, Matrix<double> x, int[] labels) = NetworkProblem(seed: 31);
        Matrix<double> normalized = RunTo(network, norm, x, mode);
        double nearest = normalized.Data.Min(Math.Abs);
        Assert.True(nearest >= 1e-3, $"a batch-norm output is {nearest:E2} from the ReLU kink");
        Assert.Contains(normalized.Data, v => v < 0);
        Assert.Contains(normalized.Data, v => v > 0);

        Matrix<double> logits = network.Forward(x, mode);
        var probabilities = new Matrix<double>(logits.Rows, logits.Columns);
        var logitGradient = new Matrix<double>(logits.Rows, logits.Columns);
        SoftmaxCrossEntropy.Probabilities(logits, probabilities);
        SoftmaxCrossEntropy.Gradient(probabilities, labels, logitGradient);
        network.Backward(logitGradient);
        double[][] analytic = [.. network.Parameters.Select(p => p.Gradient.Data.ToArray())];
        Assert.Equal(["W1", "b1", "gamma1", "beta1", "W2", "b2"], network.Parameters.Select(p => p.Name));

        double Objective()
        {
            Matrix<double> z = network.Forward(x, mode);
            var p = new Matrix<double>(z.Rows, z.Columns);
            SoftmaxCrossEntropy.Probabilities(z, p);
            return SoftmaxCrossEntropy.SumLoss(p, labels) / labels.Length;
        }

        double worst = 0;
        int elements = 0;
        for (int k = 0; k < network.Parameters.Count; k++)
        {
            Parameter<double> parameter = network.Parameters[k];
            double[] numeric = Numeric(parameter.Value.Data, Objective);
            worst = Math.Max(worst, AssertClose(parameter.Name, analytic[k], numeric));
            elements += numeric.Length;
        }

        // In training the batch mean removes any shift of the pre-activations: b1 has no effect on the loss.
        double[] b1 = analytic[1];
        if (mode == Mode.Train)
        {
            Assert.All(b1, g => Assert.True(Math.Abs(g) < 1e-15, $"db1 = {g:R}"));
        }
        else
        {
            Assert.Contains(b1, g => Math.Abs(g) > 1e-3);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dense → BatchNorm → ReLU → Dense, {mode}: max relative error {worst:E3} over {elements} elements"));
    }

    [Fact]
    public void ATwoByFourBatchGivesTheHandComputedValues()
    {
        var layer = new BatchNorm<double>(2);
        layer.Gamma.Value.Data[0] = 2;
        layer.Gamma.Value.Data[1] = 0.5;
        layer.Beta.Value.Data[0] = 0.1;
        layer.Beta.Value.Data[1] = -1;
        var x = new Matrix<double>(2, 4, [1, 2, 3, 4, -1, 0, 0, 5]);

        Matrix<double> y = layer.Forward(x, Mode.Train);

        // Feature 0: μ = 2.5, σ² = (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25. Feature 1: μ = 1, σ² = (4 + 1 + 1 + 16)/4 = 5.5.
        double s0 = 1 / Math.Sqrt(1.25 + 1e-5), s1 = 1 / Math.Sqrt(5.5 + 1e-5);
        double[] expected =
        [
            (2 * -1.5 * s0) + 0.1, (2 * -0.5 * s0) + 0.1, (2 * 0.5 * s0) + 0.1, (2 * 1.5 * s0) + 0.1,
            (0.5 * -2 * s1) - 1, (0.5 * -1 * s1) - 1, (0.5 * -1 * s1) - 1, (0.5 * 4 * s1) - 1,
        ];
        for (int e = 0; e < expected.Length; e++)
        {
            Assert.Equal(expected[e], y.Data[e], 1e-15);
        }

        // With ε negligible, feature 0 is 2·(x − 2.5)/√1.25 + 0.1 = 0.1 ∓ 3/√1.25 at x = 1 and 4.
        var exact = new BatchNorm<double>(2, epsilon: 1e-300);
        exact.Gamma.Value.Data[0] = 2;
        exact.Beta.Value.Data[0] = 0.1;
        Matrix<double> z = exact.Forward(x, Mode.Train);
        Assert.Equal(-2.5832815729997477, z[0, 0], 1e-15);
        Assert.Equal(2.7832815729997477, z[0, 3], 1e-15);

        // Running statistics from (0, 1) with momentum 0.1: mean 0.1·μ, variance 0.9 + 0.1·σ²·4/3.
        Assert.Equal(0.25, layer.RunningMean[0], 1e-15);
        Assert.Equal(0.1, layer.RunningMean[1], 1e-15);
        Assert.Equal(0.9 + (0.1 * 1.25 * 4 / 3), layer.RunningVariance[0], 1e-15);
        Assert.Equal(0.9 + (0.1 * 5.5 * 4 / 3), layer.RunningVariance[1], 1e-15);
        Assert.Equal(1.0666666666666667, layer.RunningVariance[0], 1e-15);
        Assert.Equal(1.6333333333333333, layer.RunningVariance[1], 1e-15);

        // dy = 1 everywhere: dβ = 1, dγ = mean(x̂) = 0 and dx = 0 (a constant gradient is removed by the mean).
        var ones = new Matrix<double>(2, 4);
        ones.Fill(1);
        Matrix<double> dx = layer.Backward(ones, computeInputGradient: true)!;
        Assert.All(dx.Data, v => Assert.Equal(0, v, 1e-15));
        Assert.Equal([1.0, 1.0], layer.Beta.Gradient.Data);
        Assert.All(layer.Gamma.Gradient.Data, v => Assert.Equal(0, v, 1e-15));

        // dy = x̂: dγ = mean(x̂²) = σ²/(σ² + ε), and dx = γ·s·(x̂ − x̂·σ²/(σ² + ε)) = γ·s·x̂·ε/(σ² + ε).
        var xHat = new Matrix<double>(2, 4, [-1.5 * s0, -0.5 * s0, 0.5 * s0, 1.5 * s0, -2 * s1, -1 * s1, -1 * s1, 4 * s1]);
        dx = layer.Backward(xHat, computeInputGradient: true)!;
        Assert.Equal(1.25 / (1.25 + 1e-5), layer.Gamma.Gradient[0, 0], 1e-15);
        Assert.Equal(5.5 / (5.5 + 1e-5), layer.Gamma.Gradient[1, 0], 1e-15);
        Assert.Equal(2 * s0 * xHat[0, 0] * 1e-5 / (1.25 + 1e-5), dx[0, 0], 1e-12);
        Assert.Equal(0.5 * s1 * xHat[1, 3] * 1e-5 / (5.5 + 1e-5), dx[1, 3], 1e-12);
    }

    [Fact]
    public void TrainingOutputHasMeanZeroAndBiasedVarianceOneForEachFeature()
    {
        (BatchNorm<double> layer, Matrix<double> x, _) = LayerProblem(seed: 5);
        var fresh = new BatchNorm<double>(layer.Features);
        Matrix<double> y = fresh.Forward(x, Mode.Train);
        for (int i = 0; i < y.Rows; i++)
        {
            double[] row = y.Row(i).ToArray();
            double sigma2 = BiasedVariance(x.Row(i));
            Assert.Equal(0, row.Average(), 1e-15);
            Assert.Equal(sigma2 / (sigma2 + Epsilon), BiasedVariance(row), 1e-14);
            Assert.Equal(1, BiasedVariance(row), 1e-4);
        }

        // With ε far below σ², the variance is 1 to rounding.
        var tiny = new BatchNorm<double>(layer.Features, epsilon: 1e-300);
        Matrix<double> z = tiny.Forward(x, Mode.Train);
        for (int i = 0; i < z.Rows; i++)
        {
            Assert.Equal(1, BiasedVariance(z.Row(i)), 1e-14);
        }
    }

    [Theory]
    [InlineData(0.1, 7)]
    [InlineData(0.3, 12)]
    [InlineData(0.0, 4)]
    [InlineData(1.0, 5)]
    public void RunningStatisticsFollowTheClosedFormOfTheMomentumRecurrence(double momentum, int steps)
    {
        // After k batches: running mean = (1 − p)ᵏ·0 + Σₜ p·(1 − p)ᵏ⁻ᵗ·μₜ, running variance = (1 − p)ᵏ·1 + Σₜ p·(1 − p)ᵏ⁻ᵗ·σₜ²·m/(m − 1).
        const int n = 3, m = 5;
        var layer = new BatchNorm<double>(n, momentum: momentum);
        var random = new NumpyRandomState(77);
        var expectedMean = new double[n];
        var expectedVariance = new double[n];
        var batches = new List<Matrix<double>>();
        for (int t = 1; t <= steps; t++)
        {
            var x = new Matrix<double>(n, m);
            for (int e = 0; e < x.Data.Length; e++)
            {
                x.Data[e] = (random.NextGaussian() * (1 + t)) + t;
            }

            batches.Add(x);
            layer.Forward(x, Mode.Train);
        }

        for (int i = 0; i < n; i++)
        {
            expectedMean[i] = 0;
            expectedVariance[i] = Math.Pow(1 - momentum, steps);
            for (int t = 1; t <= steps; t++)
            {
                double weight = momentum * Math.Pow(1 - momentum, steps - t);
                double[] row = batches[t - 1].Row(i).ToArray();
                expectedMean[i] += weight * row.Average();
                expectedVariance[i] += weight * BiasedVariance(row) * m / (m - 1);
            }

            Assert.Equal(expectedMean[i], layer.RunningMean[i], 1e-12 * (1 + Math.Abs(expectedMean[i])));
            Assert.Equal(expectedVariance[i], layer.RunningVariance[i], 1e-12 * (1 + expectedVariance[i]));
        }

        if (momentum == 0)
        {
            Assert.Equal([0.0, 0.0, 0.0], layer.RunningMean);
            Assert.Equal([1.0, 1.0, 1.0], layer.RunningVariance);
        }
        else
        {
            // The batches' means grow with t, so the statistics moved off their start.
            Assert.All(layer.RunningMean, v => Assert.True(v > 0.5));
        }
    }

    [Fact]
    public void EvaluationUsesTheRunningStatisticsNotTheBatch()
    {
        (BatchNorm<double> layer, Matrix<double> x, _) = LayerProblem(seed: 9);
        double[] mean = [0.5, -1, 2];
        double[] variance = [4, 0.25, 1.5];
        layer.SetRunningStatistics(mean, variance);

        Matrix<double> y = layer.Forward(x, Mode.Eval).Clone();
        Assert.Equal(mean, layer.RunningMean);
        Assert.Equal(variance, layer.RunningVariance);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++)
            {
                double expected = (layer.Gamma.Value[i, 0] * (x[i, j] - mean[i]) / Math.Sqrt(variance[i] + Epsilon)) + layer.Beta.Value[i, 0];
                Assert.Equal(expected, y[i, j], 1e-14);
            }
        }

        // Each example is mapped on its own: one column alone gives the same output as inside the batch.
        var column = new Matrix<double>(x.Rows, 1);
        for (int i = 0; i < x.Rows; i++)
        {
            column[i, 0] = x[i, 2];
        }

        Matrix<double> single = layer.Forward(column, Mode.Eval);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(y[i, 2], single[i, 0]);
        }

        // A training pass on the same batch normalizes by the batch's own statistics instead.
        Matrix<double> trained = layer.Forward(x, Mode.Train);
        Assert.True(Enumerable.Range(0, y.Data.Length).All(e => Math.Abs(trained.Data[e] - y.Data[e]) > 1e-3));
        Assert.NotEqual(mean, layer.RunningMean);
    }

    [Fact]
    public void BadArgumentsThrowNamingTheValue()
    {
        AssertOutOfRange("features", "0", () => new BatchNorm<double>(0));
        AssertOutOfRange("features", "-3", () => new BatchNorm<double>(-3));
        AssertOutOfRange("momentum", "-0.1", () => new BatchNorm<double>(2, momentum: -0.1));
        AssertOutOfRange("momentum", "1.5", () => new BatchNorm<double>(2, momentum: 1.5));
        AssertOutOfRange("momentum", "NaN", () => new BatchNorm<double>(2, momentum: double.NaN));
        AssertOutOfRange("epsilon", "0", () => new BatchNorm<double>(2, epsilon: 0));
        AssertOutOfRange("epsilon", "-1E-05", () => new BatchNorm<double>(2, epsilon: -1e-5));
        AssertOutOfRange("epsilon", "NaN", () => new BatchNorm<double>(2, epsilon: double.NaN));
        AssertOutOfRange("epsilon", "Infinity", () => new BatchNorm<double>(2, epsilon: double.PositiveInfinity));
        Assert.Equal(0.0, new BatchNorm<double>(2, momentum: 0).Momentum);
        Assert.Equal(1.0, new BatchNorm<double>(2, momentum: 1).Momentum);

        var layer = new BatchNorm<double>(2);
        ArgumentException rows = Assert.Throws<ArgumentException>(() => layer.Forward(new Matrix<double>(3, 4), Mode.Train));
        Assert.Equal("inputSize", rows.ParamName);
        Assert.Contains("expects 2 inputs, got 3", rows.Message, StringComparison.Ordinal);

        // One example has no batch variance: refused in training, fine in evaluation.
        ArgumentException single = Assert.Throws<ArgumentException>(() => layer.Forward(new Matrix<double>(2, 1), Mode.Train));
        Assert.Equal("input", single.ParamName);
        Assert.Contains("at least 2 examples", single.Message, StringComparison.Ordinal);
        Assert.Contains("has 1", single.Message, StringComparison.Ordinal);
        Assert.Equal([0.0, 0.0], layer.RunningMean);
        Assert.Equal(2, layer.Forward(new Matrix<double>(2, 1), Mode.Eval).Rows);

        Assert.Throws<InvalidOperationException>(() => new BatchNorm<double>(2).Backward(new Matrix<double>(2, 3), true));
        ArgumentException shape = Assert.Throws<ArgumentException>(() => layer.Backward(new Matrix<double>(2, 3), true));
        Assert.Equal("outputGradient", shape.ParamName);

        ArgumentException length = Assert.Throws<ArgumentException>(() => layer.SetRunningStatistics([0.0], [1.0, 1.0]));
        Assert.Equal("mean", length.ParamName);
        Assert.Contains("holds 1", length.Message, StringComparison.Ordinal);
        ArgumentException negative = Assert.Throws<ArgumentException>(() => layer.SetRunningStatistics([0.0, 0.0], [1.0, -0.5]));
        Assert.Equal("variance", negative.ParamName);
        Assert.Contains("variance[1]", negative.Message, StringComparison.Ordinal);
        Assert.Contains("-0.5", negative.Message, StringComparison.Ordinal);
        ArgumentException notFinite = Assert.Throws<ArgumentException>(() => layer.SetRunningStatistics([double.NaN, 0.0], [1.0, 1.0]));
        Assert.Equal("mean", notFinite.ParamName);
        Assert.Contains("NaN", notFinite.Message, StringComparison.Ordinal);
        Assert.Equal([0.0, 0.0], layer.RunningMean);
        Assert.Equal([1.0, 1.0], layer.RunningVariance);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Float32AndFloat64Agree(Mode mode)
    {
        (BatchNorm<double> wide, Matrix<double> x, Matrix<double> upstream) = LayerProblem(seed: 13);
        var narrow = new BatchNorm<float>(wide.Features);
        for (int i = 0; i < wide.Features; i++)
        {
            narrow.Gamma.Value.Data[i] = (float)wide.Gamma.Value.Data[i];
            narrow.Beta.Value.Data[i] = (float)wide.Beta.Value.Data[i];
        }

        double[] mean = [0.5, -1, 2];
        double[] variance = [4, 0.25, 1.5];
        wide.SetRunningStatistics(mean, variance);
        narrow.SetRunningStatistics([.. mean.Select(v => (float)v)], [.. variance.Select(v => (float)v)]);
        Matrix<float> xf = ToFloat(x);

        AssertAgree(wide.Forward(x, mode).Data, narrow.Forward(xf, mode).Data, "y");
        AssertAgree(wide.Backward(upstream, true)!.Data, narrow.Backward(ToFloat(upstream), true)!.Data, "dx");
        AssertAgree(wide.Gamma.Gradient.Data, narrow.Gamma.Gradient.Data, "dγ");
        AssertAgree(wide.Beta.Gradient.Data, narrow.Beta.Gradient.Data, "dβ");
        AssertAgree([.. wide.RunningMean], [.. narrow.RunningMean], "running mean");
        AssertAgree([.. wide.RunningVariance], [.. narrow.RunningVariance], "running variance");
    }

    [Fact]
    public void GammaAndBetaAreUpdatedByOptimizersButExemptFromL2AndMaxNorm()
    {
        var layer = new BatchNorm<double>(3);
        Assert.All(layer.Parameters, p => Assert.False(p.IsWeight));
        layer.Gamma.Value.Data[0] = 10;
        layer.Beta.Value.Data[1] = -7;
        layer.Gamma.Gradient.Data[0] = 0.25;
        layer.Beta.Gradient.Data[1] = 0.5;

        Assert.Equal(0.0, L2Penalty.Cost(layer.Parameters, 3.0, 10));
        L2Penalty.AddGradient(layer.Parameters, 3.0, 10);
        Assert.Equal([0.25, 0, 0], layer.Gamma.Gradient.Data);
        Assert.Equal([0, 0.5, 0], layer.Beta.Gradient.Data);
        MaxNorm.Apply(layer.Parameters, 1.0);
        Assert.Equal([10.0, 1, 1], layer.Gamma.Value.Data);

        new GradientDescent<double>(0.1).Step(layer.Parameters);
        Assert.Equal(10 - 0.025, layer.Gamma.Value.Data[0], 1e-15);
        Assert.Equal(-7 - 0.05, layer.Beta.Value.Data[1], 1e-15);
    }

    [Fact]
    public void SkippingTheInputGradientStillFillsTheParameterGradients()
    {
        (BatchNorm<double> layer, Matrix<double> x, Matrix<double> upstream) = LayerProblem(seed: 17);
        layer.Forward(x, Mode.Train);
        layer.Backward(upstream, computeInputGradient: true);
        double[] gamma = layer.Gamma.Gradient.Data.ToArray(), beta = layer.Beta.Gradient.Data.ToArray();
        layer.Gamma.Gradient.Fill(0);
        layer.Beta.Gradient.Fill(0);
        Assert.Null(layer.Backward(upstream, computeInputGradient: false));
        Assert.Equal(gamma, layer.Gamma.Gradient.Data);
        Assert.Equal(beta, layer.Beta.Gradient.Data);
        Assert.Contains(gamma, g => g != 0);
    }

    // n = 3, m = 5: x ~ N(1, 2²), γ ~ 1 + N(0, 0.3²), β ~ N(0, 0.5²), R ~ N(0, 1).
    private static (BatchNorm<double> Layer, Matrix<double> X, Matrix<double> Upstream) LayerProblem(uint seed)
    {
        const int n = 3, m = 5;
        var random = new NumpyRandomState(seed);
        var layer = new BatchNorm<double>(n, "1");
        for (int i = 0; i < n; i++)
        {
            layer.Gamma.Value.Data[i] = 1 + (0.3 * random.NextGaussian());
            layer.Beta.Value.Data[i] = 0.5 * random.NextGaussian();
        }

        layer.SetRunningStatistics([0.7, 1.2, -0.4], [3.0, 0.6, 2.2]);
        var x = new Matrix<double>(n, m);
        var upstream = new Matrix<double>(n, m);
        for (int e = 0; e < x.Data.Length; e++)
        {
            x.Data[e] = 1 + (2 * random.NextGaussian());
            upstream.Data[e] = random.NextGaussian();
        }

        return (layer, x, upstream);
    }

    // The backward pass under L = Σ R⊙Y: dx = ∂L/∂x, and m·dγ, m·dβ (the layer stores the mean-loss gradients).
    private static (double[] Dx, double[] DGamma, double[] DBeta) LayerAnalytic(BatchNorm<double> layer, Matrix<double> x, Matrix<double> upstream, Mode mode)
    {
        layer.Forward(x, mode);
        double[] dx = layer.Backward(upstream, computeInputGradient: true)!.Data.ToArray();
        int m = x.Columns;
        return (dx, [.. layer.Gamma.Gradient.Data.Select(g => g * m)], [.. layer.Beta.Gradient.Data.Select(g => g * m)]);
    }

    private static (double[] Dx, double[] DGamma, double[] DBeta) LayerNumeric(BatchNorm<double> layer, Matrix<double> x, Matrix<double> upstream, Mode mode)
    {
        Matrix<double> probe = x.Clone();
        double Loss()
        {
            Matrix<double> y = layer.Forward(probe, mode);
            double sum = 0;
            for (int e = 0; e < y.Data.Length; e++)
            {
                sum += upstream.Data[e] * y.Data[e];
            }

            return sum;
        }

        return (Numeric(probe.Data, Loss), Numeric(layer.Gamma.Value.Data, Loss), Numeric(layer.Beta.Value.Data, Loss));
    }

    // ∂f/∂vᵢ ≈ (f(v + h·eᵢ) − f(v − h·eᵢ)) / 2h.
    private static double[] Numeric(double[] values, Func<double> objective)
    {
        var numeric = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + H;
            double plus = objective();
            values[i] = saved - H;
            double minus = objective();
            values[i] = saved;
            numeric[i] = (plus - minus) / (2 * H);
        }

        return numeric;
    }

    // Dense(4 → 5) → BatchNorm(5) → ReLU → Dense(5 → 3), W ~ N(0, 1/fan-in), biases, γ and β drawn too; X ~ N(0, 1).
    private static (Sequential<double> Network, BatchNorm<double> Norm, Matrix<double> X, int[] Labels) NetworkProblem(uint seed)
    {
        const int inputs = 4, hidden = 5, classes = 3, batch = 6;
        var random = new NumpyRandomState(seed);
        Matrix<double> Draw(int rows, int columns, double std)
        {
            var w = new Matrix<double>(rows, columns);
            for (int e = 0; e < w.Data.Length; e++)
            {
                w.Data[e] = random.NextGaussian() * std;
            }

            return w;
        }

        var first = new Dense<double>(Draw(hidden, inputs, 0.5), "1", threads: 1);
        var norm = new BatchNorm<double>(hidden, "1");
        var second = new Dense<double>(Draw(classes, hidden, 0.5), "2", threads: 1);
        foreach (Parameter<double> parameter in new[] { first.Bias, norm.Beta, second.Bias })
        {
            for (int e = 0; e < parameter.Value.Data.Length; e++)
            {
                parameter.Value.Data[e] = 0.3 * random.NextGaussian();
            }
        }

        for (int e = 0; e < hidden; e++)
        {
            norm.Gamma.Value.Data[e] = 1 + (0.3 * random.NextGaussian());
        }

        norm.SetRunningStatistics([0.2, -0.1, 0.4, 0.0, -0.3], [0.5, 1.5, 0.8, 2.0, 1.1]);
        Matrix<double> x = Draw(inputs, batch, 1.0);
        int[] labels = [0, 2, 1, 1, 0, 2];
        return (new Sequential<double>([first, norm, new Relu<double>(), second]), norm, x, labels);
    }

    // The batch-norm layer's output on one pass through the layers before it.
    private static Matrix<double> RunTo(Sequential<double> network, BatchNorm<double> norm, Matrix<double> x, Mode mode)
    {
        Matrix<double> activation = x;
        foreach (ILayer<double> layer in network.Layers)
        {
            activation = layer.Forward(activation, mode);
            if (ReferenceEquals(layer, norm))
            {
                return activation.Clone();
            }
        }

        throw new InvalidOperationException("the network has no batch-norm layer");
    }

    private static double RelativeError(double analytic, double numeric) =>
        Math.Abs(analytic - numeric) / Math.Max(Floor, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));

    private static bool Accepts(double analytic, double numeric) => RelativeError(analytic, numeric) <= Tolerance;

    private static double AssertClose(string name, double[] analytic, double[] numeric)
    {
        Assert.Equal(analytic.Length, numeric.Length);
        Assert.NotEmpty(analytic);
        double worst = 0;
        for (int e = 0; e < analytic.Length; e++)
        {
            double error = RelativeError(analytic[e], numeric[e]);
            worst = Math.Max(worst, error);
            Assert.True(error <= Tolerance, $"{name}[{e}]: analytic {analytic[e]:R}, numeric {numeric[e]:R}, relative error {error:E2}");
        }

        return worst;
    }

    private static double BiasedVariance(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return squares / values.Length;
    }

    private static Matrix<float> ToFloat(Matrix<double> matrix) => new(matrix.Rows, matrix.Columns, [.. matrix.Data.Select(v => (float)v)]);

    private static void AssertAgree(double[] wide, float[] narrow, string name)
    {
        Assert.Equal(wide.Length, narrow.Length);
        for (int e = 0; e < wide.Length; e++)
        {
            double scale = Math.Max(1, Math.Abs(wide[e]));
            Assert.True(Math.Abs(wide[e] - narrow[e]) <= 1e-5 * scale, $"{name}[{e}]: float64 {wide[e]:R}, float32 {narrow[e]:R}");
        }
    }

    private static void AssertOutOfRange(string parameter, string value, Func<object> create)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith($"{parameter} must", error.Message, StringComparison.Ordinal);
        Assert.Contains($"but got {value}.", error.Message, StringComparison.Ordinal);
    }
}
