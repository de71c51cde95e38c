using DropoutLab.Explain;
using DropoutLab.Settings;

namespace DropoutLab.Tests;

public class KeptUnchangedTests
{
    private static readonly ExplainRule[] AllRules =
        [ExplainRule.NoDropout, ExplainRule.Unscaled, ExplainRule.Inverted, ExplainRule.AtInference, ExplainRule.Gaussian, ExplainRule.Alpha];

    // Monte-Carlo of every rule within 5 standard errors of the analytic values, for means and variances
    [Theory]
    [InlineData(0.5, 1.0, 0.25, 3u)]
    [InlineData(0.8, -0.7, 2.0, 11u)]
    [InlineData(0.95, 0.0, 1.0, 29u)]
    public void AnalyticMomentsMatchMonteCarlo(double keepProb, double inputMean, double inputVariance, uint seed)
    {
        ExplainResult result = ExplainExperiment.Run(new ExplainSettings
        {
            KeepProb = keepProb,
            InputMean = inputMean,
            InputVariance = inputVariance,
            Trials = 200000,
            Seed = seed,
            Activations = [1.0],
            Weights = [1.0],
        });
        Assert.Equal(AllRules, result.KeptUnchanged.Select(k => k.Rule));
        foreach (KeptUnchangedReport report in result.KeptUnchanged)
        {
            foreach (Estimate estimate in new[] { report.TrainMean, report.TrainVariance, report.InferenceMean, report.InferenceVariance })
            {
                // the interval is estimate ± 1.96·SE, so 5 SE is 5/1.96 half-widths
                double standardError = (estimate.Ci95.High - estimate.Ci95.Low) / (2 * RunningMoments.Z95);
                Assert.InRange(Math.Abs(estimate.Empirical - estimate.Analytic), 0, (5 * standardError) + 1e-12);
            }

            Assert.InRange(report.VarianceRatio.Empirical, report.VarianceRatio.Analytic * 0.97, report.VarianceRatio.Analytic * 1.03);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void AlphaKeepsMeanZeroAndVarianceOneOfAStandardizedInput(double keepProb)
    {
        Assert.Equal(0.0, RandomInputMoments.TrainMean(ExplainRule.Alpha, 0.0, 1.0, keepProb), 1e-12);
        Assert.Equal(1.0, RandomInputMoments.TrainVariance(ExplainRule.Alpha, 0.0, 1.0, keepProb), 1e-12);
        ExplainResult result = ExplainExperiment.Run(new ExplainSettings
        {
            KeepProb = keepProb,
            InputMean = 0.0,
            InputVariance = 1.0,
            Trials = 200000,
            Seed = 17,
            Rules = [ExplainRule.Alpha],
        });
        KeptUnchangedReport alpha = result.KeptUnchanged.Single();
        Assert.InRange(alpha.TrainMean.Empirical, -5 / Math.Sqrt(200000), 5 / Math.Sqrt(200000));
        Assert.True(alpha.TrainVariance.Ci95.Low < 1.0 + 0.03 && alpha.TrainVariance.Ci95.High > 1.0 - 0.03);
        Assert.InRange(alpha.TrainVariance.Empirical, 1.0 - (5 * Halfwidth(alpha.TrainVariance)), 1.0 + (5 * Halfwidth(alpha.TrainVariance)));

        // inverted, in contrast, inflates the variance of the same input: 1/keepProb
        Assert.Equal(1.0 / keepProb, RandomInputMoments.TrainVariance(ExplainRule.Inverted, 0.0, 1.0, keepProb), 1e-12);
    }

    [Fact]
    public void AlphaConstantsArePyTorchs()
    {
        Assert.Equal(-1.7580993408473766, AlphaDropout.DroppedValue);
        Assert.Equal(1.0, AlphaDropout.Scale(1.0));
        Assert.Equal(0.0, AlphaDropout.Shift(1.0));

        // keep 0.5: A = (0.5 + α′²/4)^(−1/2), B = −A·α′/2
        double scale = 1 / Math.Sqrt(0.5 + (1.7580993408473766 * 1.7580993408473766 / 4));
        Assert.Equal(scale, AlphaDropout.Scale(0.5), 1e-15);
        Assert.Equal(scale * 1.7580993408473766 / 2, AlphaDropout.Shift(0.5), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => AlphaDropout.Scale(0.0));
    }

    [Theory]
    [InlineData(0.3, 1.0, 0.25)]
    [InlineData(0.86, -2.5, 4.0)]
    public void GaussianHasTheMomentsOfInverted(double keepProb, double c, double v)
    {
        Assert.Equal(RandomInputMoments.TrainMean(ExplainRule.Inverted, c, v, keepProb), RandomInputMoments.TrainMean(ExplainRule.Gaussian, c, v, keepProb));
        Assert.Equal(RandomInputMoments.TrainVariance(ExplainRule.Inverted, c, v, keepProb), RandomInputMoments.TrainVariance(ExplainRule.Gaussian, c, v, keepProb));
        Assert.Equal(UnitMoments.TrainVariance(ExplainRule.Inverted, c, keepProb), UnitMoments.TrainVariance(ExplainRule.Gaussian, c, keepProb));
        Assert.Equal(UnitMoments.TrainMean(ExplainRule.Inverted, c, keepProb), UnitMoments.TrainMean(ExplainRule.Gaussian, c, keepProb));
    }

    [Fact]
    public void AnalyticValuesByHand()
    {
        // q = 0.5, c = 1, v = 0.25: c² + v = 1.25
        Assert.Equal(0.375, RandomInputMoments.TrainVariance(ExplainRule.Unscaled, 1, 0.25, 0.5));      // 0.625 − 0.25
        Assert.Equal(1.5, RandomInputMoments.TrainVariance(ExplainRule.Inverted, 1, 0.25, 0.5));        // 2.5 − 1
        Assert.Equal(0.0625, RandomInputMoments.InferenceVariance(ExplainRule.AtInference, 0.25, 0.5)); // q²v
        Assert.Equal(0.5, RandomInputMoments.InferenceMean(ExplainRule.AtInference, 1, 0.5));
        Assert.Equal(0.25, RandomInputMoments.InferenceVariance(ExplainRule.Alpha, 0.25, 0.5));

        // a fixed a (v = 0) gives the per-unit moments of UnitMoments for every rule
        foreach (ExplainRule rule in AllRules)
        {
            Assert.Equal(UnitMoments.TrainMean(rule, 1.7, 0.6), RandomInputMoments.TrainMean(rule, 1.7, 0.0, 0.6), 1e-12);
            Assert.Equal(UnitMoments.TrainVariance(rule, 1.7, 0.6), RandomInputMoments.TrainVariance(rule, 1.7, 0.0, 0.6), 1e-12);
        }
    }

    // The per-unit table of the new rules: Monte-Carlo within 5 standard errors of UnitMoments
    [Theory]
    [InlineData(ExplainRule.Gaussian)]
    [InlineData(ExplainRule.Alpha)]
    public void NewRulesPerUnitMomentsMatchMonteCarlo(ExplainRule rule)
    {
        const int n = 200000;
        ExplainResult result = ExplainExperiment.Run(new ExplainSettings { KeepProb = 0.7, Trials = n, Seed = 5, Rules = [rule] });
        UnitStatistics units = result.For(rule).Units;
        for (int i = 0; i < units.AnalyticMean.Count; i++)
        {
            Assert.InRange(Math.Abs(units.EmpiricalMean[i] - units.AnalyticMean[i]), 0, (5 * Math.Sqrt(units.AnalyticVariance[i] / n)) + 1e-12);
            Assert.InRange(units.EmpiricalVariance[i], (units.AnalyticVariance[i] * 0.97) - 1e-12, (units.AnalyticVariance[i] * 1.03) + 1e-12);
        }

        NextLayerStatistics z = result.For(rule).NextLayer;
        Assert.InRange(Math.Abs(z.EmpiricalMean - z.AnalyticMean), 0, 5 * Math.Sqrt(z.AnalyticVariance / n));
    }

    [Fact]
    public void AlphaSeesTheSameMasksAsTheBernoulliRules()
    {
        // a = 1 kept stays 1, dropped becomes α′; A·x′ + B, so the kept count is recoverable from each trial
        var settings = new ExplainSettings { KeepProb = 0.6, Activations = [1.0], Weights = [1.0], Bias = 0, Trials = 50, Seed = 9, KeepSamples = true };
        ExplainResult result = ExplainExperiment.Run(settings);
        double scale = AlphaDropout.Scale(0.6), shift = AlphaDropout.Shift(0.6);
        double[] alphaKept = [.. result.For(ExplainRule.Alpha).NextLayer.Samples.Select(z => Math.Abs(z - (scale + shift)) < 1e-12 ? 1.0 : 0.0)];
        Assert.Equal(result.For(ExplainRule.Unscaled).NextLayer.Samples, alphaKept);
    }

    [Fact]
    public void BadInputMomentsAreRejected()
    {
        string Rejected(ExplainSettings settings) => Assert.Throws<SettingException>(() => ExplainExperiment.Run(settings)).Setting;
        Assert.Equal(SettingNames.InputVariance, Rejected(new ExplainSettings { InputVariance = -1 }));
        Assert.Equal(SettingNames.InputVariance, Rejected(new ExplainSettings { InputVariance = double.NaN }));
        Assert.Equal(SettingNames.InputMean, Rejected(new ExplainSettings { InputMean = double.PositiveInfinity }));
        Assert.Equal(SettingNames.Rules, Rejected(new ExplainSettings { Rules = [] }));
        Assert.Equal(SettingNames.Rules, Rejected(new ExplainSettings { Rules = [ExplainRule.Alpha, ExplainRule.Alpha] }));
        Assert.Equal(SettingNames.Rules, Rejected(new ExplainSettings { Rules = [(ExplainRule)42] }));
    }

    // One Monte-Carlo estimate of each new rule, pinned to the bit: the Gaussian deviates use only IEEE arithmetic,
    // PortableMath.Log and CosPi, so the suite under DOTNET_EnableHWIntrinsic=0 (and every other instruction set)
    // must reproduce them exactly.
    [Fact]
    public void MonteCarloEstimatesArePinnedToTheBit()
    {
        ExplainResult result = ExplainExperiment.Run(new ExplainSettings { KeepProb = 0.7, Trials = 5000, Seed = 123 });
        KeptUnchangedReport gaussian = result.KeptUnchanged.Single(k => k.Rule == ExplainRule.Gaussian);
        KeptUnchangedReport alpha = result.KeptUnchanged.Single(k => k.Rule == ExplainRule.Alpha);
        Assert.Equal(0.7879754152327751, gaussian.TrainVariance.Empirical);
        Assert.Equal(0.6064295529905077, alpha.TrainMean.Empirical);
        Assert.Equal(0.895112288813495, result.For(ExplainRule.Gaussian).NextLayer.EmpiricalVariance);
    }

    private static double Halfwidth(Estimate estimate) => (estimate.Ci95.High - estimate.Ci95.Low) / (2 * RunningMoments.Z95);
}
