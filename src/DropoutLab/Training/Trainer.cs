using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;

namespace DropoutLab.Training;

// Dimension key: n₀ = input features, C = network outputs, B = examples in a step. X : n₀ × B, labels : B,
// P (probabilities, or the predictions Ŷ of a regression) : C × B, Y (regression targets) : C × B.

/// <summary>
/// The one training loop body of the library, used by the course, the depth study and <c>train</c>: a gradient step
/// on a batch (the whole training set for full-batch gradient descent).
/// </summary>
/// <remarks>
/// One step: Z = f(X; θ) with dropout in training mode, P = head(Z), dZ = P − target, back-propagation of dZ,
/// ∇θ += (λ/n)·W for the weights when λ &gt; 0 (n = <see cref="PenaltyExamples"/>), the optimizer's update, then the
/// max-norm projection when it is on, and finally the mask clock moves to the next step. A regression trainer (made
/// with an <see cref="IRegressionLoss{T}"/>) takes real-valued targets Y instead of labels: its prediction is the
/// last layer's output, Ŷ = Z (linear), and dZ = ∂loss/∂Ŷ; everything else is the same step.
/// <para>
/// Divergence: every step checks that P holds only finite numbers (one reduction over C × B values, which the loss
/// is computed from), and every <see cref="ParameterCheckInterval"/> steps that every parameter is finite; a
/// non-finite value stops training with a <see cref="TrainingDivergedException"/>. Callers call
/// <see cref="CheckParameters"/> after their last step so that a divergence in the final steps is not missed.
/// </para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Trainer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Sequential<T> _network;
    private readonly ILossHead<T>? _head;
    private readonly IRegressionLoss<T>? _regression;
    private readonly IOptimizer<T> _optimizer;
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly T _lambd;
    private readonly MaskClock? _clock;
    private Matrix<T>? _probabilities;
    private MatrixCache<T> _probabilitiesBuffers;
    private Matrix<T>? _logitGradient;
    private MatrixCache<T> _logitGradientBuffers;
    private long _steps;

    /// <summary>Creates the trainer.</summary>
    /// <param name="network">The network; its last layer's output is the logits.</param>
    /// <param name="head">Output non-linearity and loss.</param>
    /// <param name="optimizer">Update rule.</param>
    /// <param name="lambd">L2 strength λ ≥ 0.</param>
    /// <param name="penaltyExamples">n in λ/(2n)·Σ‖W‖², the training set's size (≥ 1 when λ &gt; 0).</param>
    /// <param name="maxNorm">Max-norm bound on each unit's incoming weights; 0 means off.</param>
    /// <param name="clock">The counter masks' clock, advanced after every step; null when the masks need none.</param>
    /// <exception cref="ArgumentOutOfRangeException">λ or maxNorm is negative or not finite, or n &lt; 1 with λ &gt; 0.</exception>
    public Trainer(Sequential<T> network, ILossHead<T> head, IOptimizer<T> optimizer, double lambd = 0, int penaltyExamples = 0, double maxNorm = 0, MaskClock? clock = null)
        : this(network, optimizer, lambd, penaltyExamples, maxNorm, clock)
    {
        ArgumentNullException.ThrowIfNull(head);
        _head = head;
    }

    private Trainer(Sequential<T> network, IRegressionLoss<T> loss, IOptimizer<T> optimizer, double lambd, int penaltyExamples, double maxNorm, MaskClock? clock)
        : this(network, optimizer, lambd, penaltyExamples, maxNorm, clock)
    {
        ArgumentNullException.ThrowIfNull(loss);
        _regression = loss;
    }

    /// <summary>Creates a regression trainer: the network's last layer is the prediction Ŷ, scored by <paramref name="loss"/>.</summary>
    /// <param name="network">The network; its last layer's output is the prediction.</param>
    /// <param name="loss">The loss on real-valued targets.</param>
    /// <param name="optimizer">Update rule.</param>
    /// <param name="lambd">L2 strength λ ≥ 0: ∇W += (λ/n)·W.</param>
    /// <param name="penaltyExamples">n of the L2 term (≥ 1 when λ &gt; 0).</param>
    /// <param name="maxNorm">Max-norm bound on each unit's incoming weights; 0 means off.</param>
    /// <param name="clock">The counter masks' clock, advanced after every step; null when the masks need none.</param>
    /// <exception cref="ArgumentOutOfRangeException">λ or maxNorm is negative or not finite, or n &lt; 1 with λ &gt; 0.</exception>
    public static Trainer<T> ForRegression(Sequential<T> network, IRegressionLoss<T> loss, IOptimizer<T> optimizer, double lambd = 0, int penaltyExamples = 0, double maxNorm = 0, MaskClock? clock = null) =>
        new(network, loss, optimizer, lambd, penaltyExamples, maxNorm, clock);

    private Trainer(Sequential<T> network, IOptimizer<T> optimizer, double lambd, int penaltyExamples, double maxNorm, MaskClock? clock)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(lambd >= 0 && double.IsFinite(lambd)))
        {
            throw new ArgumentOutOfRangeException(nameof(lambd), lambd, "λ must be finite and ≥ 0.");
        }

        if (!(maxNorm >= 0 && double.IsFinite(maxNorm)))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "maxNorm must be finite and ≥ 0.");
        }

        if (lambd > 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(penaltyExamples, 1);
        }

        _network = network;
        _optimizer = optimizer;
        _parameters = network.Parameters;
        Lambd = lambd;
        _lambd = T.CreateChecked(lambd);
        PenaltyExamples = penaltyExamples;
        MaxNormBound = maxNorm;
        _clock = clock;
    }

    /// <summary>L2 strength λ.</summary>
    public double Lambd { get; }

    /// <summary>n of the L2 penalty λ/(2n)·Σ‖W‖².</summary>
    public int PenaltyExamples { get; }

    /// <summary>Max-norm bound (0: off).</summary>
    public double MaxNormBound { get; }

    /// <summary>The optimizer's learning rate (schedules set it between steps).</summary>
    public double LearningRate
    {
        get => _optimizer.LearningRate;
        set => _optimizer.LearningRate = value;
    }

    /// <summary>Steps between two checks of the parameters for NaN and ±∞ (the probabilities are checked every step).</summary>
    public const int ParameterCheckInterval = 32;

    /// <summary>Steps run so far.</summary>
    public long Steps => _steps;

    /// <summary>P (a regression trainer: Ŷ) of the last step's forward pass (C × B), computed before that step's update.</summary>
    /// <exception cref="InvalidOperationException">No step has run.</exception>
    public Matrix<T> Probabilities => _probabilities ?? throw new InvalidOperationException("No step has run.");

    /// <summary>
    /// One gradient step on the batch (<paramref name="x"/>, <paramref name="labels"/>). When
    /// <paramref name="measurePenalty"/> is set and λ &gt; 0, returns the L2 penalty λ/(2n)·Σ‖W‖² of the parameters
    /// before the update (the term the course adds to its cost); otherwise 0.
    /// </summary>
    /// <exception cref="ArgumentException">The batch has a different number of examples than labels.</exception>
    /// <exception cref="TrainingDivergedException">
    /// P (hence the loss) holds NaN or ±∞, or, at a parameter check, a parameter does; the parameters are then
    /// left as that step made them.
    /// </exception>
    public T Step(Matrix<T> x, ReadOnlySpan<int> labels, bool measurePenalty = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ILossHead<T> head = _head ?? throw new InvalidOperationException("a regression trainer takes targets, not labels.");
        if (labels.Length != x.Columns)
        {
            throw new ArgumentException($"the batch has {x.Columns} examples but {labels.Length} labels.", nameof(labels));
        }

        Matrix<T> logits = _network.Forward(x, Mode.Train);
        _probabilities = _probabilitiesBuffers.Get(logits.Rows, logits.Columns);
        _logitGradient = _logitGradientBuffers.Get(logits.Rows, logits.Columns);
        head.Probabilities(logits, _probabilities);
        RequireFiniteOutputs();
        T penalty = measurePenalty && Lambd > 0 ? L2Penalty.Cost(_parameters, _lambd, PenaltyExamples) : T.Zero;
        head.Gradient(_probabilities, labels, _logitGradient);
        Update();
        return penalty;
    }

    /// <summary>
    /// One gradient step of a regression trainer on the batch (<paramref name="x"/>, <paramref name="targets"/>):
    /// Ŷ = f(X; θ) in training mode, dŶ from the loss, then the update of <see cref="Step(Matrix{T}, ReadOnlySpan{int}, bool)"/>.
    /// Returns the batch's summed loss Σⱼ lossⱼ before the update; <see cref="Probabilities"/> then holds Ŷ.
    /// </summary>
    /// <exception cref="InvalidOperationException">The trainer was made with a classification head.</exception>
    /// <exception cref="ArgumentException">The targets are not C × B for the network's C outputs and the batch's B examples.</exception>
    /// <exception cref="TrainingDivergedException">Ŷ or, at a parameter check, a parameter holds NaN or ±∞.</exception>
    public double Step(Matrix<T> x, Matrix<T> targets)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(targets);
        IRegressionLoss<T> loss = _regression ?? throw new InvalidOperationException("a classification trainer takes labels, not targets.");
        Matrix<T> predictions = _network.Forward(x, Mode.Train);
        if (!targets.HasShape(predictions.Rows, x.Columns))
        {
            throw new ArgumentException($"the batch has {x.Columns} examples of {predictions.Rows} outputs but the targets are {targets.Rows} × {targets.Columns}.", nameof(targets));
        }

        _probabilities = _probabilitiesBuffers.Get(predictions.Rows, predictions.Columns);
        _logitGradient = _logitGradientBuffers.Get(predictions.Rows, predictions.Columns);
        predictions.Data.AsSpan().CopyTo(_probabilities.Data);
        RequireFiniteOutputs();
        double sumLoss = loss.SumLoss(_probabilities, targets);
        loss.Gradient(_probabilities, targets, _logitGradient);
        Update();
        return sumLoss;
    }

    // P (or Ŷ) finite, else the step diverged
    private void RequireFiniteOutputs()
    {
        if (!FiniteCheck.AllFinite<T>(_probabilities!.Data))
        {
            ThrowDiverged(_steps + 1, DivergedQuantity.Loss, FiniteCheck.FirstNonFinite<T>(_probabilities.Data), null);
        }
    }

    // Back-propagation of dZ, ∇W += (λ/n)·W, the optimizer, max-norm, the clock, and the periodic parameter check
    private void Update()
    {
        _network.Backward(_logitGradient!);
        if (Lambd > 0)
        {
            L2Penalty.AddGradient(_parameters, _lambd, PenaltyExamples);
        }

        _optimizer.Step(_parameters);
        if (MaxNormBound > 0)
        {
            MaxNorm.Apply(_parameters, MaxNormBound);
        }

        _clock?.Advance();
        _steps++;
        if (_steps % ParameterCheckInterval == 0)
        {
            CheckParameters();
        }
    }

    /// <summary>Checks that every parameter is finite, as after <see cref="Steps"/> steps.</summary>
    /// <exception cref="TrainingDivergedException">A parameter holds NaN or ±∞.</exception>
    public void CheckParameters()
    {
        for (int index = 0; index < _parameters.Count; index++)
        {
            Parameter<T> parameter = _parameters[index];
            if (!FiniteCheck.AllFinite<T>(parameter.Value.Data))
            {
                ThrowDiverged(_steps, DivergedQuantity.Parameter, FiniteCheck.FirstNonFinite<T>(parameter.Value.Data), parameter.Name);
            }
        }
    }

    private void ThrowDiverged(long step, DivergedQuantity quantity, double value, string? parameter) =>
        throw new TrainingDivergedException(step, quantity, value, parameter, LearningRate);
}
