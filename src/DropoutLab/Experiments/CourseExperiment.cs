using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// Trains the course network by full-batch gradient descent, exactly as the deeplearning.ai regularization
/// exercise does, and reports its costs and accuracies.
/// </summary>
public static class CourseExperiment
{
    /// <summary>Runs one configuration on the given data (float64, as numpy), on the fast or the reference kernels (<see cref="CourseRun"/> to the end).</summary>
    /// <exception cref="Settings.SettingException">A setting is out of range.</exception>
    /// <exception cref="DataFormatException">The feature counts differ, or the training labels are all equal.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before a step.</exception>
    public static CourseResult Run(CourseSettings settings, Dataset train, Dataset test, ComputeKernels kernels = ComputeKernels.Fast, CancellationToken cancellation = default)
    {
        var run = new CourseRun(settings, train, test, kernels);
        run.Step(run.Settings.Iterations, cancellation);
        return run.Result();
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
