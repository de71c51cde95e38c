using System.Globalization;
using System.Text;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;
using Xunit.Abstractions;

namespace DropoutLab.Tests;

// Dimension key: B = examples in the batch, N = training examples of the L2 term, C = classes.
//   widths 5 → 7 → 6 → 3; X : 5 × B; labels : B.

/// <summary>
/// Central finite differences of the MLP engine's training objective
///   J(θ) = (1/B)·Σⱼ −ln softmax(f(xⱼ; θ))_{yⱼ} + (λ/(2N))·Σₗ ‖Wₗ‖²_F
/// against back-propagation plus the L2 gradient (λ/N)·Wₗ, for every weight and bias element of a float64 MLP
/// with dropout on the inputs and on both hidden layers. A counter-based mask is a function of
/// (seed, clock step, site, element), so with the clock step held fixed J is a deterministic, piecewise smooth
/// function of θ; the setup keeps every hidden pre-activation far from the ReLU kink, and the tests assert that.
/// Only the public surface of <see cref="MlpNetwork{T}"/> is used, never a concrete dropout layer type: the layers
/// between two Dense layers are observed as one map from pre-activations z to the next layer's input a.
/// </summary>
[Trait("Category", "Fast")]
public class MlpGradientCheckTests(ITestOutputHelper output)
{
    private static readonly int[] Widths = [5, 7, 6, 3];
    private static readonly double[] KeepProbs = [0.8, 0.7, 0.6];
    private static readonly int[] Labels = [0, 2, 1, 2];
    private const int TrainingExamples = 40;
    private const double Lambd = 2.0;
    private const uint WeightSeed = 11;
    private const uint InputSeed = 12;
    private const ulong MaskSeed = 13;
    private const ulong MaskStep = 5;
    private const ulong OtherMaskStep = 7;

    // Step of the central differences: on this network the largest relative error over all elements is smallest
    // near h = 3e-5 (about 7e-9); it grows to about 1e-7 at h = 1e-4 or 1e-6 (truncation O(h²) above, rounding
    // O(ε/h) below).
    private const double H = 3e-5;
    private const double Tolerance = 1e-6;

    // Smallest |z| allowed for a hidden pre-activation: a ±h step in one parameter moves z by far less.
    private const double KinkMargin = 1e-3;

    // Smallest |x| allowed for an input, so that a zero after input dropout can only mean "dropped".
    private const double SmallestInput = 0.1;

    public static TheoryData<DropoutScaling> Scalings => [DropoutScaling.Inverted, DropoutScaling.None, DropoutScaling.AtInference];

    [Theory]
    [MemberData(nameof(Scalings))]
    public void EveryParameterElementMatchesCentralDifferences(DropoutScaling scaling)
    {
        MlpNetwork<double> model = BuildNetwork(scaling);
        Matrix<double> x = Inputs();
        AssertCheckIsMeaningful(model, x, scaling);

        string pattern = SitePattern(model, x, scaling);
        double[][] analytic = AnalyticGradient(model, x);
        double[][] numeric = NumericGradient(model, x, pattern, scaling);
        Assert.Equal(MaskStep, model.Clock.Step);

        IReadOnlyList<Parameter<double>> parameters = model.Network.Parameters;
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], parameters.Select(p => p.Name));
        Assert.Equal([(7, 5), (7, 1), (6, 7), (6, 1), (3, 6), (3, 1)], parameters.Select(p => (p.Value.Rows, p.Value.Columns)));
        Assert.Equal(111, analytic.Sum(a => a.Length));

        double worst = 0;
        for (int k = 0; k < parameters.Count; k++)
        {
            for (int i = 0; i < analytic[k].Length; i++)
            {
                double error = RelativeError(analytic[k][i], numeric[k][i]);
                worst = Math.Max(worst, error);
                Assert.True(
                    error <= Tolerance,
                    $"{parameters[k].Name}[{i}]: analytic {analytic[k][i]:R}, numeric {numeric[k][i]:R}, relative error {error:E2}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scaling}: max relative error {worst:E3} over 111 elements (h = {H:E0})"));
    }

    [Theory]
    [MemberData(nameof(Scalings))]
    public void ARelativeErrorOfOneInTenThousandInAnySingleElementIsRejected(DropoutScaling scaling)
    {
        MlpNetwork<double> model = BuildNetwork(scaling);
        Matrix<double> x = Inputs();
        double[][] analytic = AnalyticGradient(model, x);
        double[][] numeric = NumericGradient(model, x, SitePattern(model, x, scaling), scaling);
        Assert.Empty(Rejected(analytic, numeric));

        // Each element in turn is made wrong by a factor 1 + 1e-4 (or, where it is 0, by 1e-9): the check must flag
        // exactly that element, and nothing else.
        for (int k = 0; k < analytic.Length; k++)
        {
            for (int i = 0; i < analytic[k].Length; i++)
            {
                double saved = analytic[k][i];
                analytic[k][i] = saved == 0 ? 1e-9 : saved * (1 + 1e-4);
                Assert.Equal([(k, i)], Rejected(analytic, numeric));
                analytic[k][i] = saved;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scalings))]
    public void NumericGradientsUnderTheMasksOfAnotherStepAreRejected(DropoutScaling scaling)
    {
        MlpNetwork<double> model = BuildNetwork(scaling);
        Matrix<double> x = Inputs();
        double[][] analytic = AnalyticGradient(model, x);
        double before = Objective(model, x);
        Assert.Equal(before, Objective(model, x));

        model.Clock.Step = OtherMaskStep;
        AssertCheckIsMeaningful(model, x, scaling);
        Assert.NotEqual(before, Objective(model, x));
        double[][] numeric = NumericGradient(model, x, SitePattern(model, x, scaling), scaling);

        // Other masks change the gradient of every layer's weights.
        List<(int Parameter, int Element)> rejected = Rejected(analytic, numeric);
        foreach (int weight in new[] { 0, 2, 4 })
        {
            Assert.Contains(rejected, r => r.Parameter == weight);
        }

        output.WriteLine($"{scaling}: {rejected.Count} of 111 elements rejected under the masks of step {OtherMaskStep}");
    }

    [Fact]
    public void InvertedScalingChangesTheTrainingGradientAndTheOtherTwoRulesShareIt()
    {
        Matrix<double> x = Inputs();
        double[][] inverted = AnalyticGradient(BuildNetwork(DropoutScaling.Inverted), x);
        double[][] none = AnalyticGradient(BuildNetwork(DropoutScaling.None), x);
        double[][] atInference = AnalyticGradient(BuildNetwork(DropoutScaling.AtInference), x);

        // Training passes of "none" and "at-inference" are both y = m⊙a: identical gradients, bit for bit.
        for (int k = 0; k < none.Length; k++)
        {
            Assert.Equal(none[k], atInference[k]);
        }

        // Inverted dropout's 1/keepProb factors reach every layer's weights.
        List<(int Parameter, int Element)> rejected = Rejected(inverted, none);
        foreach (int weight in new[] { 0, 2, 4 })
        {
            Assert.Contains(rejected, r => r.Parameter == weight);
        }
    }

    // cs231n: |a − n| / max(|a|, |n|), with 0 when both are exactly 0.
    private static double RelativeError(double analytic, double numeric)
    {
        double scale = Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numeric)), double.Epsilon);
        return Math.Abs(analytic - numeric) / scale;
    }

    private static List<(int Parameter, int Element)> Rejected(double[][] analytic, double[][] numeric)
    {
        var rejected = new List<(int, int)>();
        for (int k = 0; k < analytic.Length; k++)
        {
            for (int i = 0; i < analytic[k].Length; i++)
            {
                if (!(RelativeError(analytic[k][i], numeric[k][i]) <= Tolerance))
                {
                    rejected.Add((k, i));
                }
            }
        }

        return rejected;
    }

    // Wₗ ~ N(0, 2/nₗ₋₁), bₗ ~ N(0, 0.1²), drawn in layer order.
    private static MlpNetwork<double> BuildNetwork(DropoutScaling scaling)
    {
        var random = new NumpyRandomState(WeightSeed);
        var weights = new List<Matrix<double>>();
        for (int l = 1; l < Widths.Length; l++)
        {
            var w = new Matrix<double>(Widths[l], Widths[l - 1]);
            double std = Math.Sqrt(2.0 / Widths[l - 1]);
            for (int i = 0; i < w.Data.Length; i++)
            {
                w.Data[i] = random.NextGaussian() * std;
            }

            weights.Add(w);
        }

        MlpNetwork<double> model = MlpNetwork<double>.FromWeights(weights, KeepProbs, scaling, MaskSeed, threads: 1);
        foreach (Parameter<double> bias in model.Network.Parameters.Where(p => !p.IsWeight))
        {
            for (int i = 0; i < bias.Value.Data.Length; i++)
            {
                bias.Value.Data[i] = random.NextGaussian() * 0.1;
            }
        }

        model.Clock.Step = MaskStep;
        return model;
    }

    // xᵢⱼ ~ N(0, 1), redrawn while |xᵢⱼ| < SmallestInput.
    private static Matrix<double> Inputs()
    {
        var random = new NumpyRandomState(InputSeed);
        var x = new Matrix<double>(Widths[0], Labels.Length);
        for (int i = 0; i < x.Data.Length; i++)
        {
            do
            {
                x.Data[i] = random.NextGaussian();
            }
            while (Math.Abs(x.Data[i]) < SmallestInput);
        }

        return x;
    }

    private static double Objective(MlpNetwork<double> model, Matrix<double> x)
    {
        Matrix<double> logits = model.Network.Forward(x, Mode.Train);
        var probabilities = new Matrix<double>(logits.Rows, logits.Columns);
        SoftmaxCrossEntropy.Probabilities(logits, probabilities);
        return (SoftmaxCrossEntropy.SumLoss(probabilities, Labels) / Labels.Length) + L2Penalty.Cost(model.Network.Parameters, Lambd, TrainingExamples);
    }

    // Back-propagation of dZ = P − onehot(y) (the layers scale parameter gradients by 1/B), plus (λ/N)·Wₗ.
    private static double[][] AnalyticGradient(MlpNetwork<double> model, Matrix<double> x)
    {
        Matrix<double> logits = model.Network.Forward(x, Mode.Train);
        var probabilities = new Matrix<double>(logits.Rows, logits.Columns);
        var logitGradient = new Matrix<double>(logits.Rows, logits.Columns);
        SoftmaxCrossEntropy.Probabilities(logits, probabilities);
        SoftmaxCrossEntropy.Gradient(probabilities, Labels, logitGradient);
        model.Network.Backward(logitGradient);
        L2Penalty.AddGradient(model.Network.Parameters, Lambd, TrainingExamples);
        return [.. model.Network.Parameters.Select(p => p.Gradient.Data.ToArray())];
    }

    // ∂J/∂θᵢ ≈ (J(θ + h·eᵢ) − J(θ − h·eᵢ)) / 2h; every evaluation must see the same masks and ReLU pattern.
    private static double[][] NumericGradient(MlpNetwork<double> model, Matrix<double> x, string pattern, DropoutScaling scaling)
    {
        IReadOnlyList<Parameter<double>> parameters = model.Network.Parameters;
        var numeric = new double[parameters.Count][];
        for (int k = 0; k < parameters.Count; k++)
        {
            double[] values = parameters[k].Value.Data;
            numeric[k] = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                double saved = values[i];
                values[i] = saved + H;
                double plus = Objective(model, x);
                Assert.Equal(pattern, SitePattern(model, x, scaling));
                values[i] = saved - H;
                double minus = Objective(model, x);
                Assert.Equal(pattern, SitePattern(model, x, scaling));
                values[i] = saved;
                numeric[k][i] = (plus - minus) / (2 * H);
            }
        }

        return numeric;
    }

    /// <summary>What each dropout site did on one training pass: its input and output, element by element.</summary>
    private sealed record Site(double KeepProb, Matrix<double> Input, Matrix<double> Output);

    /// <summary>
    /// Runs the layers one by one in training mode and cuts the chain at the Dense layers: site 0 maps x to the
    /// first Dense layer's input, site l maps the l-th Dense layer's output z to the next Dense layer's input.
    /// </summary>
    private static List<Site> Sites(MlpNetwork<double> model, Matrix<double> x)
    {
        var sites = new List<Site>();
        Matrix<double> siteInput = x.Clone();
        Matrix<double> activation = x;
        int dense = 0;
        foreach (ILayer<double> layer in model.Network.Layers)
        {
            if (layer is Dense<double>)
            {
                sites.Add(new Site(KeepProbs[dense], siteInput, activation.Clone()));
                activation = layer.Forward(activation, Mode.Train);
                siteInput = activation.Clone();
                dense++;
            }
            else
            {
                activation = layer.Forward(activation, Mode.Train);
            }
        }

        Assert.Equal(3, dense);
        Assert.IsType<Dense<double>>(model.Network.Layers[^1]);
        Assert.Equal(model.Network.Forward(x, Mode.Train).Data, activation.Data);
        return sites;
    }

    /// <summary>
    /// One letter per element of every site: for the input site 'k' (kept, y = s·x) or 'd' (dropped, y = 0);
    /// for a hidden site '-' (z &lt; 0, a = 0), 'k' (z &gt; 0, a = s·z) or 'd' (z &gt; 0, a = 0); s = 1/keepProb for
    /// inverted dropout, else 1. Any other relation between the site's input and output fails the test.
    /// </summary>
    private static string SitePattern(MlpNetwork<double> model, Matrix<double> x, DropoutScaling scaling)
    {
        var pattern = new StringBuilder();
        List<Site> sites = Sites(model, x);
        for (int l = 0; l < sites.Count; l++)
        {
            Site site = sites[l];
            double s = scaling == DropoutScaling.Inverted ? 1 / site.KeepProb : 1;
            for (int i = 0; i < site.Input.Data.Length; i++)
            {
                double z = site.Input.Data[i], a = site.Output.Data[i];
                Assert.NotEqual(0.0, z);
                if (l > 0 && z < 0)
                {
                    Assert.Equal(0.0, a);
                    pattern.Append('-');
                }
                else if (a == 0)
                {
                    pattern.Append('d');
                }
                else
                {
                    Assert.Equal(s * z, a, Math.Abs(s * z) * 1e-15);
                    pattern.Append('k');
                }
            }

            pattern.Append('|');
        }

        return pattern.ToString();
    }

    // The masks drop inputs and active hidden units and keep others; ReLU has units on both sides; no hidden
    // pre-activation is within KinkMargin of 0.
    private static void AssertCheckIsMeaningful(MlpNetwork<double> model, Matrix<double> x, DropoutScaling scaling)
    {
        string[] sites = SitePattern(model, x, scaling).Split('|', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, sites.Length);
        Assert.Contains('d', sites[0]);
        Assert.Contains('k', sites[0]);
        foreach (string hidden in sites[1..])
        {
            Assert.Contains('-', hidden);
            Assert.Contains('d', hidden);
            Assert.Contains('k', hidden);
        }

        List<Site> observed = Sites(model, x);
        double nearest = observed.Skip(1).SelectMany(site => site.Input.Data).Min(Math.Abs);
        Assert.True(nearest >= KinkMargin, $"a hidden pre-activation is {nearest:E2} from the ReLU kink");
    }
}
