using System.Globalization;
using DropoutLab.Experiments;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Metrics;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Study;

/// <summary>Trains and evaluates one network of the study. Everything it uses is its own, so runs may go in parallel.</summary>
internal static class StudyRun
{
    /// <summary>The inference rules that apply to a training rule: plain always, at-inference after training without scaling.</summary>
    public static IReadOnlyList<InferenceRule> RulesFor(DropoutScaling scaling) =>
        scaling == DropoutScaling.None ? [InferenceRule.Plain, InferenceRule.AtInference] : [InferenceRule.Plain];

    /// <summary>
    /// Full-batch gradient descent on the mean binary cross-entropy for <see cref="StudySettings.Iterations"/> steps,
    /// then the test metrics and activation ratios under each applicable inference rule.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before a step.</exception>
    public static StudyRunResult Execute(StudyRunKey key, StudySettings settings, StudyData data, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        var init = new NumpyRandomState(key.InitSeed);
        var masks = new NumpyRandomState(key.MaskSeed);
        Sequential<double> network = StudyNetwork.Build(data.TrainFeatures.Rows, key.Depth, settings.Width, key.KeepProb, key.Scaling, init, masks);
        DropoutLayer<double>[] dropouts = [.. network.DropoutLayers];
        SetReuseMask(dropouts, settings.Masks == MaskPolicy.Fixed);
        var trainer = new Trainer<double>(network, new SigmoidHead<double>(), new GradientDescent<double>(settings.LearningRate));
        try
        {
            for (int i = 0; i < settings.Iterations; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                trainer.Step(data.TrainFeatures, data.TrainLabels.Span);
            }

            trainer.CheckParameters();
        }
        catch (TrainingDivergedException diverged)
        {
            throw diverged.InRun(string.Create(CultureInfo.InvariantCulture, $"(depth {key.Depth}, keep probability {key.KeepProb}, scaling {key.Scaling.ToName()}, seed {key.SeedIndex + 1})"));
        }


        // E[μₗ] during training, over fresh masks from a generator reseeded for the probe.
        SetReuseMask(dropouts, reuse: false);
        masks.Seed(key.ProbeSeed);
        double[] trainingMeans = new double[key.Depth];
        ActivationProbe.TrainingMeans(network, data.TrainFeatures, settings.ProbePasses, trainingMeans);

        var evaluations = new List<StudyEvaluation>(2);
        double[] inferenceMeans = new double[key.Depth];
        foreach (InferenceRule rule in RulesFor(key.Scaling))
        {
            Sequential<double> evaluated = rule == InferenceRule.Plain ? network : StudyNetwork.WithInferenceRule(network, rule, masks);
            ActivationProbe.Forward(evaluated, data.TrainFeatures, Mode.Eval, inferenceMeans);
            double[] ratios = new double[key.Depth];
            for (int l = 0; l < ratios.Length; l++)
            {
                ratios[l] = trainingMeans[l] == 0 ? double.NaN : inferenceMeans[l] / trainingMeans[l];
            }

            double[] logits = evaluated.Forward(data.TestFeatures, Mode.Eval).Data;
            evaluations.Add(new StudyEvaluation(
                rule,
                BinaryAccuracy.FromLogits(logits, data.TestLabels.Span),
                BinaryLogLoss.FromLogits(logits, data.TestLabels.Span),
                BinaryCalibrationError.FromLogits(logits, data.TestLabels.Span),
                MeanAbsLogit.Of(logits),
                ratios));
        }

        return new StudyRunResult(key, evaluations);
    }

    private static void SetReuseMask(DropoutLayer<double>[] dropouts, bool reuse)
    {
        foreach (DropoutLayer<double> dropout in dropouts)
        {
            dropout.ReuseMask = reuse;
        }
    }
}
