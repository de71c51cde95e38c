using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;

namespace DropoutLab.Training;

// Dimension key: n₀ = input features, C = classes, B = batch size. X : n₀ × B, labels : B.

/// <summary>
/// One training step of a dropout MLP on one mini-batch (X, y): a <see cref="Trainer{T}"/> step with the softmax head
/// (fresh counter masks, P = softmax(Z), dZ = P − onehot(y), L2, the optimizer, max-norm, the mask clock advanced),
/// reporting the batch's summed loss L = Σⱼ −ln p_{yⱼ j} and its correct count. After the first call nothing is
/// allocated.
/// </summary>
internal sealed class TrainingStep<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly MlpNetwork<T> _model;
    private readonly Trainer<T> _trainer;
    private readonly int _stepsPerEpoch;

    /// <summary>Steps run before this object's first (a resumed run's earlier epochs), for the epoch and step a divergence reports.</summary>
    internal long StepOffset { get; set; }
    private readonly double _learningRate;

    /// <summary>
    /// Creates the step for <paramref name="model"/> with the optimizer, max-norm bound and L2 strength of
    /// <paramref name="settings"/>; <paramref name="trainingExamples"/> is the N of the L2 term (λ/N)·W.
    /// </summary>
    public TrainingStep(MlpNetwork<T> model, MlpSettings settings, int trainingExamples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(trainingExamples, 1);
        _model = model;
        BatchSize = settings.BatchSize;
        _stepsPerEpoch = Math.Max(1, trainingExamples / settings.BatchSize);
        _learningRate = settings.LearningRate;
        Optimizer = CreateOptimizer(settings);
        _trainer = new Trainer<T>(model.Network, new SoftmaxHead<T>(), Optimizer, settings.Lambd, trainingExamples, settings.MaxNorm, model.Clock);
    }

    /// <summary>Examples per step, B.</summary>
    public int BatchSize { get; }

    /// <summary>The optimizer's learning rate for the next step.</summary>
    public double LearningRate
    {
        get => _trainer.LearningRate;
        set => _trainer.LearningRate = value;
    }

    /// <summary>The optimizer the steps update with (its state goes into checkpoints).</summary>
    public IOptimizer<T> Optimizer { get; }

    /// <summary>The network being trained.</summary>
    public MlpNetwork<T> Model => _model;

    /// <summary>The optimizer of <paramref name="settings"/>: SGD, momentum (PyTorch form) or Adam.</summary>
    public static IOptimizer<T> CreateOptimizer(MlpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Optimizer switch
        {
            OptimizerKind.Sgd => new GradientDescent<T>(settings.LearningRate),
            OptimizerKind.Momentum => new Momentum<T>(settings.LearningRate, settings.Momentum, settings.Threads),
            _ => new Adam<T>(settings.LearningRate, threads: settings.Threads),
        };
    }

    /// <summary>
    /// Trains on the batch <paramref name="x"/> (n₀ × B) with <paramref name="labels"/> (B classes) and returns
    /// the batch's summed loss and correct count as the network saw them before the update. Steps are counted in
    /// epochs of ⌊N/B⌋ steps; the last step of every epoch also checks every parameter for NaN and ±∞.
    /// </summary>
    /// <exception cref="TrainingDivergedException">
    /// The loss or a parameter is not finite; the exception names the epoch and the step within it.
    /// </exception>
    public StepOutcome Run(Matrix<T> x, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows != _model.Layers[0] || x.Columns != BatchSize || labels.Length != BatchSize)
        {
            throw new ArgumentException($"a step needs a {_model.Layers[0]} × {BatchSize} batch and {BatchSize} labels, but got {x.Rows} × {x.Columns} and {labels.Length}.", nameof(x));
        }

        try
        {
            _trainer.Step(x, labels);
            if (_trainer.Steps % _stepsPerEpoch == 0)
            {
                _trainer.CheckParameters();
            }
        }
        catch (TrainingDivergedException diverged)
        {
            long before = StepOffset + diverged.Step - 1;
            throw diverged.InEpoch((int)(before / _stepsPerEpoch) + 1, (int)(before % _stepsPerEpoch) + 1, _learningRate);
        }

        double sumLoss = SoftmaxCrossEntropy.SumLoss(_trainer.Probabilities, labels);
        int correct = CountCorrect(_trainer.Probabilities, labels);
        return new StepOutcome(sumLoss, correct);
    }

    // Correct = Σⱼ [argmaxₖ pₖⱼ = yⱼ], ties to the lowest k
    private static int CountCorrect(Matrix<T> probabilities, ReadOnlySpan<int> labels)
    {
        int right = 0;
        for (int j = 0; j < labels.Length; j++)
        {
            right += Metrics.ArgMax.Column(probabilities, j) == labels[j] ? 1 : 0;
        }

        return right;
    }
}
