using System.Diagnostics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// Trains the course network by full-batch gradient descent, exactly as the deeplearning.ai regularization
/// exercise does, and reports its costs and accuracies.
/// </summary>
public static class CourseExperiment
{
    /// <summary>Runs one configuration on the given data (float64, as numpy), on the fast or the reference kernels.</summary>
    /// <exception cref="DataFormatException">The feature counts differ, or the training labels are all equal.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before a step.</exception>
    public static CourseResult Run(CourseSettings settings, Dataset train, Dataset test, ComputeKernels kernels = ComputeKernels.Fast, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        settings.Validate();
        if (test.FeatureCount != train.FeatureCount)
        {
            throw new DataFormatException($"has {test.FeatureCount} feature columns but the training data has {train.FeatureCount}.", test.Source);
        }

        ClassLabels.RequireTwoClasses(train.Labels, train.Source);
        var random = new NumpyRandomState(CourseNetwork.InitSeed);
        Sequential<double> network = CourseNetwork.Build(train.FeatureCount, settings, random, kernels);
        foreach (DropoutLayer<double> dropout in network.DropoutLayers)
        {
            dropout.ReuseMask = settings.Masks == MaskPolicy.Fixed;
        }

        random.Seed(CourseNetwork.MaskSeed);
        Matrix<double> x = train.FeaturesAs<double>();
        Matrix<double> y = train.LabelRow<double>();
        var loss = new SigmoidCrossEntropy<double>();
        var trainer = new Trainer<double>(network, new SigmoidHead<double>(), new GradientDescent<double>(settings.LearningRate), settings.Lambd, train.Count);
        var costs = new List<CostPoint>((settings.Iterations / settings.RecordEvery) + 1);

        // Full-batch gradient descent; the cost J = −(1/m)·Σ[y·ln a + (1 − y)·ln(1 − a)] + λ/(2m)·Σ‖W‖² is that of
        // the parameters before each recorded step's update, as the course computes it.
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < settings.Iterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            bool record = i % settings.RecordEvery == 0;
            double penalty = trainer.Step(x, train.Labels, measurePenalty: record);
            if (record)
            {
                costs.Add(new CostPoint(i, loss.Cost(trainer.Probabilities.Data, y.Data) + penalty));
            }
        }

        trainer.CheckParameters();
        stopwatch.Stop();
        return new CourseResult(
            settings,
            costs,
            Accuracy(network, train),
            Accuracy(network, test),
            stopwatch.Elapsed.TotalSeconds,
            network)
        {
            TestLogLoss = LogLoss(network, test),
        };
    }

    /// <summary>
    /// −mean[y·ln p + (1 − y)·ln(1 − p)] with p = P(y = 1 | x) at inference, clipped to [ε, 1 − ε] with
    /// ε = 10⁻¹⁵ (<see cref="Metrics.BinaryLogLoss.FromProbabilities"/>) so that a saturated sigmoid costs −ln ε ≈ 34.5
    /// instead of infinity.
    /// </summary>
    public static double LogLoss(Sequential<double> network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Metrics.BinaryLogLoss.FromProbabilities(Predict(network, data.FeaturesAs<double>()), data.Labels);
    }

    /// <summary>P(y = 1 | x) for every column of <paramref name="features"/>, with dropout at its inference rule.</summary>
    public static double[] Predict(Sequential<double> network, Matrix<double> features)
    {
        ArgumentNullException.ThrowIfNull(network);
        Matrix<double> logits = network.Forward(features, Mode.Eval);
        var probabilities = new Matrix<double>(1, logits.Columns);
        SigmoidCrossEntropy<double>.Probabilities(logits, probabilities);
        return probabilities.Data;
    }

    /// <summary>The fraction of examples with (a &gt; 0.5) = y (<see cref="Metrics.BinaryAccuracy.FromProbabilities"/>).</summary>
    public static double Accuracy(Sequential<double> network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Metrics.BinaryAccuracy.FromProbabilities(Predict(network, data.FeaturesAs<double>()), data.Labels);
    }
}
