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
/// One course run advanced a slice at a time: full-batch gradient descent on the course network, step for step
/// what <see cref="CourseExperiment.Run"/> does (it is built on this class), so that a caller can train between
/// frames, look at the network while it learns, and still end with the same bits.
/// </summary>
/// <remarks>
/// The cost J = −(1/m)·Σ[y·ln a + (1 − y)·ln(1 − a)] + λ/(2m)·Σ‖W‖² is recorded at iteration 0 and every
/// <see cref="CourseSettings.RecordEvery"/> iterations, of the parameters before that iteration's update, as the
/// course computes it. Not thread-safe.
/// </remarks>
public sealed class CourseRun
{
    private readonly Matrix<double> _x;
    private readonly Matrix<double> _y;
    private readonly SigmoidCrossEntropy<double> _loss = new();
    private readonly Trainer<double> _trainer;
    private readonly List<CostPoint> _costs;
    private readonly Stopwatch _stopwatch = new();
    private CourseResult? _result;

    /// <summary>Builds the network (initialization seed, then mask seed, as the course) on float64 data.</summary>
    /// <exception cref="Settings.SettingException">A setting is out of range.</exception>
    /// <exception cref="DataFormatException">The feature counts differ, or the training labels are all equal.</exception>
    public CourseRun(CourseSettings settings, Dataset train, Dataset test, ComputeKernels kernels = ComputeKernels.Fast)
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
        Settings = settings;
        Train = train;
        Test = test;
        var random = new NumpyRandomState(settings.InitSeed);

        // Gaussian noise and DropConnect masks are counter-based: keyed by the mask seed, one step per iteration (fresh
        // masks only; fixed masks keep the first iteration's noise through ReuseMask, like the Bernoulli masks, and
        // DropConnect's weight mask, a pure function of the step, is the step-0 mask again every iteration).
        MaskClock? clock = settings.Dropout is DropoutVariant.Gaussian or DropoutVariant.DropConnect ? new MaskClock(settings.MaskSeed) : null;
        Network = CourseNetwork.Build(train.FeatureCount, settings, random, kernels, clock);
        foreach (DropoutLayer<double> dropout in Network.DropoutLayers)
        {
            dropout.ReuseMask = settings.Masks == MaskPolicy.Fixed;
        }

        random.Seed(settings.MaskSeed);
        _x = train.FeaturesAs<double>();
        _y = train.LabelRow<double>();
        _trainer = new Trainer<double>(Network, new SigmoidHead<double>(), new GradientDescent<double>(settings.LearningRate), settings.Lambd, train.Count, clock: settings.Masks == MaskPolicy.Fresh ? clock : null);
        _costs = new List<CostPoint>((settings.Iterations / settings.RecordEvery) + 1);
    }

    /// <summary>The run's settings.</summary>
    public CourseSettings Settings { get; }

    /// <summary>The data trained on.</summary>
    public Dataset Train { get; }

    /// <summary>The data scored at the end.</summary>
    public Dataset Test { get; }

    /// <summary>The network as trained so far (its dropout layers hold the last step's masks).</summary>
    public Sequential<double> Network { get; }

    /// <summary>Iterations run so far, 0 … <see cref="CourseSettings.Iterations"/>.</summary>
    public int Iteration { get; private set; }

    /// <summary>Whether every iteration has run.</summary>
    public bool IsDone => Iteration == Settings.Iterations;

    /// <summary>The costs recorded so far.</summary>
    public IReadOnlyList<CostPoint> Costs => _costs;

    /// <summary>Seconds spent inside <see cref="Step"/> so far.</summary>
    public double TrainSeconds => _stopwatch.Elapsed.TotalSeconds;

    /// <summary>Runs up to <paramref name="maxIterations"/> more iterations (fewer at the end) and returns how many ran.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxIterations"/> is negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before a step.</exception>
    /// <exception cref="TrainingDivergedException">A probability or a parameter became NaN or infinite.</exception>
    public int Step(int maxIterations, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        int count = Math.Min(maxIterations, Settings.Iterations - Iteration);
        _stopwatch.Start();
        try
        {
            for (int s = 0; s < count; s++)
            {
                cancellation.ThrowIfCancellationRequested();
                bool record = Iteration % Settings.RecordEvery == 0;
                double penalty = _trainer.Step(_x, Train.Labels, measurePenalty: record);
                if (record)
                {
                    _costs.Add(new CostPoint(Iteration, _loss.Cost(_trainer.Probabilities.Data, _y.Data) + penalty));
                }

                Iteration++;
            }

            if (IsDone && count > 0)
            {
                _trainer.CheckParameters();
            }
        }
        finally
        {
            _stopwatch.Stop();
        }

        return count;
    }

    /// <summary>The run's costs and its accuracies at inference, once every iteration has run.</summary>
    /// <exception cref="InvalidOperationException">Iterations remain.</exception>
    public CourseResult Result()
    {
        if (!IsDone)
        {
            throw new InvalidOperationException($"the run is at iteration {Iteration} of {Settings.Iterations}.");
        }

        return _result ??= new CourseResult(
            Settings,
            _costs,
            CourseExperiment.Accuracy(Network, Train),
            CourseExperiment.Accuracy(Network, Test),
            TrainSeconds,
            Network)
        {
            TestLogLoss = CourseExperiment.LogLoss(Network, Test),
        };
    }
}
