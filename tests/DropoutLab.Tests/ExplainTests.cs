using DropoutLab.Explain;
using DropoutLab.Random;
using DropoutLab.Settings;

namespace DropoutLab.Tests;

public class ExplainTests
{
    // Reference values for a = [2, −0.5, 0, 3.25], obtained outside this code base with /usr/bin/python3: for each
    // rule the outcomes of m ~ Bernoulli(keepProb) were enumerated with fractions.Fraction (exact rationals of the
    // doubles 0.8, 0.86, …), giving E[y] = Σ P(m)·y(m), Var[y] = Σ P(m)·(y(m) − E[y])² and the inference output,
    // each rounded once to the nearest double and printed with repr().
    public static TheoryData<double, ExplainRule, double[], double[], double[]> UnitReferences => new()
    {
        { 0.8, ExplainRule.NoDropout, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
        { 0.8, ExplainRule.Unscaled, [1.6, -0.4, 0.0, 2.6], [0.6399999999999999, 0.039999999999999994, 0.0, 1.6899999999999997], [2.0, -0.5, 0.0, 3.25] },
        { 0.8, ExplainRule.Inverted, [2.0, -0.5, 0.0, 3.25], [0.9999999999999998, 0.062499999999999986, 0.0, 2.640624999999999], [2.0, -0.5, 0.0, 3.25] },
        { 0.8, ExplainRule.AtInference, [1.6, -0.4, 0.0, 2.6], [0.6399999999999999, 0.039999999999999994, 0.0, 1.6899999999999997], [1.6, -0.4, 0.0, 2.6] },
        { 0.5, ExplainRule.NoDropout, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
        { 0.5, ExplainRule.Unscaled, [1.0, -0.25, 0.0, 1.625], [1.0, 0.0625, 0.0, 2.640625], [2.0, -0.5, 0.0, 3.25] },
        { 0.5, ExplainRule.Inverted, [2.0, -0.5, 0.0, 3.25], [4.0, 0.25, 0.0, 10.5625], [2.0, -0.5, 0.0, 3.25] },
        { 0.5, ExplainRule.AtInference, [1.0, -0.25, 0.0, 1.625], [1.0, 0.0625, 0.0, 2.640625], [1.0, -0.25, 0.0, 1.625] },
        { 0.25, ExplainRule.NoDropout, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
        { 0.25, ExplainRule.Unscaled, [0.5, -0.125, 0.0, 0.8125], [0.75, 0.046875, 0.0, 1.98046875], [2.0, -0.5, 0.0, 3.25] },
        { 0.25, ExplainRule.Inverted, [2.0, -0.5, 0.0, 3.25], [12.0, 0.75, 0.0, 31.6875], [2.0, -0.5, 0.0, 3.25] },
        { 0.25, ExplainRule.AtInference, [0.5, -0.125, 0.0, 0.8125], [0.75, 0.046875, 0.0, 1.98046875], [0.5, -0.125, 0.0, 0.8125] },
        { 0.86, ExplainRule.NoDropout, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
        { 0.86, ExplainRule.Unscaled, [1.72, -0.43, 0.0, 2.795], [0.48160000000000003, 0.030100000000000002, 0.0, 1.271725], [2.0, -0.5, 0.0, 3.25] },
        { 0.86, ExplainRule.Inverted, [2.0, -0.5, 0.0, 3.25], [0.6511627906976745, 0.040697674418604654, 0.0, 1.7194767441860468], [2.0, -0.5, 0.0, 3.25] },
        { 0.86, ExplainRule.AtInference, [1.72, -0.43, 0.0, 2.795], [0.48160000000000003, 0.030100000000000002, 0.0, 1.271725], [1.72, -0.43, 0.0, 2.795] },
        { 1.0, ExplainRule.NoDropout, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
        { 1.0, ExplainRule.Unscaled, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
        { 1.0, ExplainRule.Inverted, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
        { 1.0, ExplainRule.AtInference, [2.0, -0.5, 0.0, 3.25], [0.0, 0.0, 0.0, 0.0], [2.0, -0.5, 0.0, 3.25] },
    };

    [Theory]
    [MemberData(nameof(UnitReferences))]
    public void AnalyticUnitMomentsMatchTheEnumeratedReference(double keepProb, ExplainRule rule, double[] mean, double[] variance, double[] inference)
    {
        double[] a = [2.0, -0.5, 0.0, 3.25];
        ExplainResult result = ExplainExperiment.Run(new ExplainSettings { KeepProb = keepProb, Activations = a, Weights = [1, 1, 1, 1], Trials = 1 });
        UnitStatistics units = result.For(rule).Units;
        for (int i = 0; i < a.Length; i++)
        {
            AssertClose(mean[i], units.AnalyticMean[i]);
            AssertClose(variance[i], units.AnalyticVariance[i]);
            AssertClose(inference[i], units.Inference[i]);
        }
    }

    // Inference output over the training-time expectation for a ≠ 0, from the same enumeration (a = 2):
    // 1.25, 2, 4, 1.1627906976744187 and 1 for the unscaled rule, exactly 1 for every other rule.
    [Theory]
    [InlineData(0.8, 1.25)]
    [InlineData(0.5, 2.0)]
    [InlineData(0.25, 4.0)]
    [InlineData(0.86, 1.1627906976744187)]
    [InlineData(1.0, 1.0)]
    public void MismatchMatchesTheEnumeratedReference(double keepProb, double unscaledMismatch)
    {
        var result = ExplainExperiment.Run(new ExplainSettings { KeepProb = keepProb, Activations = [2.0, -0.5, 0.0, 3.25], Weights = [1, 1, 1, 1], Trials = 1 });
        AssertClose(unscaledMismatch, result.For(ExplainRule.Unscaled).Mismatch);
        Assert.Equal(1.0, result.For(ExplainRule.Inverted).Mismatch);
        Assert.Equal(1.0, result.For(ExplainRule.AtInference).Mismatch);
        Assert.Equal(1.0, result.For(ExplainRule.NoDropout).Mismatch);
    }

    [Fact]
    public void AnalyticValuesForTheIssuesExample()
    {
        // keep 0.8, a = 2: inverted 2/0.8 = 2.5 w.p. 0.8, mean 2, variance 4·0.2/0.8 = 1; unscaled mean 1.6, variance 4·0.16 = 0.64
        Assert.Equal(2.0, UnitMoments.TrainMean(ExplainRule.Inverted, 2.0, 0.8));
        Assert.Equal(1.0, UnitMoments.TrainVariance(ExplainRule.Inverted, 2.0, 0.8), 12);
        Assert.Equal(1.6, UnitMoments.TrainMean(ExplainRule.Unscaled, 2.0, 0.8), 12);
        Assert.Equal(0.64, UnitMoments.TrainVariance(ExplainRule.Unscaled, 2.0, 0.8), 12);
        Assert.Equal(1.6, UnitMoments.InferenceValue(ExplainRule.AtInference, 2.0, 0.8), 12);
        Assert.Equal(1.25, UnitMoments.Mismatch(ExplainRule.Unscaled, 0.8), 12);
    }

    [Fact]
    public void NextLayerMomentsOfTheDefaults()
    {
        // a = [2, .5, 0, 1.2], w = [.6, −1, .8, .5], b = .1, keepProb .8. Reference values from /usr/bin/python3:
        // z = Σᵢ wᵢ·yᵢ + b over all 2⁴ masks, each weighted by Πᵢ P(mᵢ), in exact fractions of the doubles, then
        // rounded once to double (by hand: E[z] = 1.4 and 0.8·1.3 + 0.1 = 1.14; Var = 0.16·2.05 = 0.328 unscaled and
        // 0.25·2.05 = 0.5125 inverted, Σ w²a² = 2.05).
        ExplainResult result = ExplainExperiment.Run(new ExplainSettings { Trials = 1 });
        Assert.Equal(1.4, result.NoDropoutZ, 1e-15);
        NextLayerStatistics inverted = result.For(ExplainRule.Inverted).NextLayer;
        AssertClose(1.4, inverted.AnalyticMean);
        AssertClose(0.5124999999999998, inverted.AnalyticVariance);
        AssertClose(1.4, inverted.Inference);
        NextLayerStatistics unscaled = result.For(ExplainRule.Unscaled).NextLayer;
        AssertClose(1.14, unscaled.AnalyticMean);
        AssertClose(0.3279999999999999, unscaled.AnalyticVariance);
        AssertClose(1.4, unscaled.Inference);
        NextLayerStatistics atInference = result.For(ExplainRule.AtInference).NextLayer;
        AssertClose(1.14, atInference.AnalyticMean);
        AssertClose(0.3279999999999999, atInference.AnalyticVariance);
        AssertClose(1.14, atInference.Inference);
        NextLayerStatistics noDropout = result.For(ExplainRule.NoDropout).NextLayer;
        Assert.Equal(0.0, noDropout.AnalyticVariance);
        AssertClose(1.4, noDropout.AnalyticMean);
    }

    [Theory]
    [InlineData(0.8, 1u)]
    [InlineData(0.5, 7u)]
    [InlineData(0.3, 2024u)]
    [InlineData(0.95, 12345u)]
    public void MonteCarloIsWithinStatisticalBounds(double keepProb, uint seed)
    {
        const int n = 40000;
        var settings = new ExplainSettings
        {
            KeepProb = keepProb,
            Activations = [1.5, -0.7, 3.0],
            Weights = [0.4, 2.0, -0.3],
            Bias = -0.25,
            Trials = n,
            Seed = seed,
            Rules = [ExplainRule.NoDropout, ExplainRule.Unscaled, ExplainRule.Inverted, ExplainRule.AtInference], // Bernoulli masks: the bound on s² below
        };
        ExplainResult result = ExplainExperiment.Run(settings);
        double q = 1.0 - keepProb;
        foreach (RuleReport report in result.Rules)
        {
            UnitStatistics units = report.Units;
            for (int i = 0; i < units.AnalyticMean.Count; i++)
            {
                double sigma2 = units.AnalyticVariance[i];
                Assert.InRange(Math.Abs(units.EmpiricalMean[i] - units.AnalyticMean[i]), 0, 5 * Math.Sqrt(sigma2 / n) + 1e-12);

                // y = c·m with c = a or a/p: μ₄ = c⁴·pq(1 − 3pq), σ⁴ = c⁴p²q², so Var[s²] ≈ (μ₄ − σ⁴)/n = c⁴pq(1 − 4pq)/n
                double c = report.Rule == ExplainRule.Inverted ? settings.Activations[i] / keepProb : settings.Activations[i];
                double varOfS2 = report.Rule == ExplainRule.NoDropout ? 0 : Math.Pow(c, 4) * keepProb * q * (1 - (4 * keepProb * q)) / n;
                Assert.InRange(Math.Abs(units.EmpiricalVariance[i] - sigma2), 0, (5 * Math.Sqrt(varOfS2)) + (20 * sigma2 / n) + 1e-12);
            }

            NextLayerStatistics z = report.NextLayer;
            Assert.InRange(Math.Abs(z.EmpiricalMean - z.AnalyticMean), 0, 5 * Math.Sqrt(z.AnalyticVariance / n) + 1e-12);
            Assert.InRange(z.EmpiricalVariance, z.AnalyticVariance * 0.95, (z.AnalyticVariance * 1.05) + 1e-12);
        }
    }

    [Fact]
    public void TheConfidenceIntervalsCoverTheTruthAboutNinetyFivePercentOfTheTime()
    {
        // 200 independent seeds × 1 unit: coverage ~ Binomial(200, 0.95), mean 190, sd 3.1; accept 175..200
        int covered = 0;
        for (uint seed = 1; seed <= 200; seed++)
        {
            ExplainResult result = ExplainExperiment.Run(new ExplainSettings { KeepProb = 0.7, Activations = [1.0], Weights = [1.0], Trials = 400, Seed = seed });
            covered += result.For(ExplainRule.Inverted).Units.Ci95[0].Contains(1.0) ? 1 : 0;
        }

        Assert.InRange(covered, 175, 200);
    }

    [Fact]
    public void EveryRuleSeesTheSameMasksDrawnFromTheSeed()
    {
        var settings = new ExplainSettings { KeepProb = 0.6, Activations = [1.0, 1.0], Weights = [1.0, 1.0], Bias = 0, Trials = 3, Seed = 5, KeepSamples = true };
        ExplainResult result = ExplainExperiment.Run(settings);

        // numpy: np.random.seed(5); np.random.rand(3, 2) < 0.6 gives the kept counts of each trial
        var random = new NumpyRandomState(5);
        double[] kept = [.. Enumerable.Range(0, 3).Select(_ => (random.NextDouble() < 0.6 ? 1.0 : 0.0) + (random.NextDouble() < 0.6 ? 1.0 : 0.0))];
        Assert.Equal(kept, result.For(ExplainRule.Unscaled).NextLayer.Samples);
        Assert.Equal(kept.Select(k => k / 0.6), result.For(ExplainRule.Inverted).NextLayer.Samples);
        Assert.Equal(kept, result.For(ExplainRule.AtInference).NextLayer.Samples);
        Assert.Equal([2.0, 2.0, 2.0], result.For(ExplainRule.NoDropout).NextLayer.Samples);
    }

    [Fact]
    public void RunningMomentsMatchTheTwoPassFormulas()
    {
        double[] values = [1.0, 4.0, -2.0, 7.5, 0.25];
        var moments = new RunningMoments();
        foreach (double value in values)
        {
            moments.Add(value);
        }

        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        Assert.Equal(mean, moments.Mean, 12);
        Assert.Equal(variance, moments.Variance, 12);
        Assert.Equal(mean - (1.959963984540054 * Math.Sqrt(variance / 5)), moments.Ci95.Low, 12);
        Assert.True(double.IsNaN(new RunningMoments().Variance));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void BadKeepProbIsRejected(double keepProb) =>
        Assert.Equal(SettingNames.KeepProb, Assert.Throws<SettingException>(() => ExplainExperiment.Run(new ExplainSettings { KeepProb = keepProb })).Setting);

    [Fact]
    public void BadVectorsAreRejected()
    {
        string Rejected(ExplainSettings settings) => Assert.Throws<SettingException>(() => ExplainExperiment.Run(settings)).Setting;
        Assert.Equal(SettingNames.Activations, Rejected(new ExplainSettings { Activations = [], Weights = [] }));
        Assert.Equal(SettingNames.Weights, Rejected(new ExplainSettings { Activations = [1, 2], Weights = [1] }));
        Assert.Equal(SettingNames.Trials, Rejected(new ExplainSettings { Trials = 0 }));
        Assert.Equal(SettingNames.Activations, Rejected(new ExplainSettings { Activations = [double.PositiveInfinity], Weights = [1] }));
        Assert.Equal(SettingNames.Weights, Rejected(new ExplainSettings { Activations = [1], Weights = [double.NaN] }));
        Assert.Equal(SettingNames.Bias, Rejected(new ExplainSettings { Bias = double.NegativeInfinity }));
    }

    // Equal within a few units in the last place (exactly, for a zero reference).
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 4e-16 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
