using System.Globalization;
using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

// Dimension key: n = features, m = examples.
//   X, X̂, Y, dY, dX : n × m    γ, β : n × 1    μ, σ², running mean, running variance : n

/// <summary>
/// Batch normalization for an MLP: each feature i is normalized over the m examples of the batch, then scaled and
/// shifted by the learnable γᵢ (initially 1) and βᵢ (initially 0).
/// </summary>
/// <remarks>
/// <para>
/// Training (<see cref="Mode.Train"/>): μᵢ = (1/m)·Σⱼ xᵢⱼ, σᵢ² = (1/m)·Σⱼ (xᵢⱼ − μᵢ)² (biased),
/// x̂ᵢⱼ = (xᵢⱼ − μᵢ)/√(σᵢ² + ε), yᵢⱼ = γᵢ·x̂ᵢⱼ + βᵢ; then, as PyTorch does,
/// running meanᵢ ← (1 − momentum)·running meanᵢ + momentum·μᵢ and
/// running varianceᵢ ← (1 − momentum)·running varianceᵢ + momentum·σᵢ²·m/(m − 1) (the unbiased variance).
/// A training pass needs m ≥ 2: with one example σ² = 0, every output is β and the unbiased variance is undefined,
/// so the layer refuses it, as PyTorch does.
/// </para>
/// <para>
/// Evaluation (<see cref="Mode.Eval"/>): x̂ᵢⱼ = (xᵢⱼ − running meanᵢ)/√(running varianceᵢ + ε),
/// yᵢⱼ = γᵢ·x̂ᵢⱼ + βᵢ; the running statistics are left as they are. They start at mean 0 and variance 1.
/// </para>
/// <para>
/// Backward, with dY = ∂L/∂Y for L the sum of per-example losses: after a training pass
/// dxᵢⱼ = γᵢ/√(σᵢ² + ε)·(dyᵢⱼ − (1/m)·Σₖ dyᵢₖ − x̂ᵢⱼ·(1/m)·Σₖ dyᵢₖ·x̂ᵢₖ) (μ and σ² depend on every example), after an
/// evaluation pass dxᵢⱼ = γᵢ/√(running varianceᵢ + ε)·dyᵢⱼ; in both cases the gradients of the mean loss are
/// dγᵢ = (1/m)·Σⱼ dyᵢⱼ·x̂ᵢⱼ and dβᵢ = (1/m)·Σⱼ dyᵢⱼ, the 1/m matching <see cref="Dense{T}"/>.
/// </para>
/// <para>
/// γ and β are parameters with <see cref="Parameter{T}.IsWeight"/> false, like biases: optimizers update them, L2
/// weight decay and the max-norm constraint leave them alone.
/// </para>
/// <para>
/// Every sum runs over the examples in increasing order in plain scalar loops, with no fused multiply–add, so
/// the bits are the same on every instruction set.
/// </para>
/// <para>Ioffe and Szegedy, "Batch Normalization: Accelerating Deep Network Training by Reducing Internal
/// Covariate Shift", ICML 2015.</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BatchNorm<T> : ILayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The default momentum of the running statistics, PyTorch's 0.1.</summary>
    public const double DefaultMomentum = 0.1;

    /// <summary>The default ε added to the variance, PyTorch's 10⁻⁵.</summary>
    public const double DefaultEpsilon = 1e-5;

    private readonly Parameter<T>[] _parameters;
    private readonly T[] _runningMean;
    private readonly T[] _runningVariance;
    private readonly T[] _inverseDeviation;
    private readonly T _momentum;
    private readonly T _epsilon;
    private Matrix<T>? _normalized;
    private MatrixCache<T> _normalizedBuffers;
    private Matrix<T>? _output;
    private MatrixCache<T> _outputBuffers;
    private Matrix<T>? _inputGradient;
    private MatrixCache<T> _inputGradientBuffers;
    private bool _lastPassTrained;

    /// <summary>Creates the layer with γ = 1, β = 0, running mean 0 and running variance 1.</summary>
    /// <param name="features">Features n (rows of the input), ≥ 1.</param>
    /// <param name="name">Suffix of the parameter names ("gamma1", "beta1").</param>
    /// <param name="momentum">Weight of the current batch in the running statistics, in [0, 1].</param>
    /// <param name="epsilon">ε added to the variance before the square root, a positive finite number.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// features &lt; 1, momentum is outside [0, 1] (or NaN), or ε is not a positive finite number.
    /// </exception>
    public BatchNorm(int features, string name = "", double momentum = DefaultMomentum, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (features < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(features), features, $"features must be at least 1, but got {Text(features)}.");
        }

        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum must be in [0, 1], but got {Text(momentum)}.");
        }

        if (!(epsilon > 0 && double.IsFinite(epsilon)))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"epsilon must be a positive finite number, but got {Text(epsilon)}.");
        }

        Features = features;
        Momentum = momentum;
        Epsilon = epsilon;
        _momentum = T.CreateChecked(momentum);
        _epsilon = T.CreateChecked(epsilon);
        var gamma = new Matrix<T>(features, 1);
        gamma.Fill(T.One);
        Gamma = new Parameter<T>("gamma" + name, gamma, isWeight: false);
        Beta = new Parameter<T>("beta" + name, new Matrix<T>(features, 1), isWeight: false);
        _parameters = [Gamma, Beta];
        _runningMean = new T[features];
        _runningVariance = new T[features];
        _runningVariance.AsSpan().Fill(T.One);
        _inverseDeviation = new T[features];
    }

    /// <summary>Features n.</summary>
    public int Features { get; }

    /// <summary>Weight of the current batch in the running statistics, in [0, 1].</summary>
    public double Momentum { get; }

    /// <summary>ε added to the variance before the square root.</summary>
    public double Epsilon { get; }

    /// <summary>γ, n × 1, the scale of the normalized features (not a weight: no L2, no max-norm).</summary>
    public Parameter<T> Gamma { get; }

    /// <summary>β, n × 1, the shift of the normalized features (not a weight: no L2, no max-norm).</summary>
    public Parameter<T> Beta { get; }

    /// <summary>The running mean of each feature, used by evaluation passes.</summary>
    public IReadOnlyList<T> RunningMean => _runningMean;

    /// <summary>The running (unbiased) variance of each feature, used by evaluation passes.</summary>
    public IReadOnlyList<T> RunningVariance => _runningVariance;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>Replaces the running statistics, e.g. with those of a saved model.</summary>
    /// <param name="mean">One finite mean per feature.</param>
    /// <param name="variance">One finite variance ≥ 0 per feature.</param>
    /// <exception cref="ArgumentException">A span does not hold n values, a mean is not finite, or a variance is
    /// negative or not finite; nothing is changed then.</exception>
    public void SetRunningStatistics(ReadOnlySpan<T> mean, ReadOnlySpan<T> variance)
    {
        if (mean.Length != Features)
        {
            throw new ArgumentException($"mean must hold {Text(Features)} values, one per feature, but holds {Text(mean.Length)}.", nameof(mean));
        }

        if (variance.Length != Features)
        {
            throw new ArgumentException($"variance must hold {Text(Features)} values, one per feature, but holds {Text(variance.Length)}.", nameof(variance));
        }

        for (int i = 0; i < Features; i++)
        {
            if (!T.IsFinite(mean[i]))
            {
                throw new ArgumentException($"mean[{Text(i)}] must be a finite number, but got {Text(double.CreateChecked(mean[i]))}.", nameof(mean));
            }

            if (!(T.IsFinite(variance[i]) && variance[i] >= T.Zero))
            {
                throw new ArgumentException($"variance[{Text(i)}] must be a finite number ≥ 0, but got {Text(double.CreateChecked(variance[i]))}.", nameof(variance));
            }
        }

        mean.CopyTo(_runningMean);
        variance.CopyTo(_runningVariance);
    }

    /// <inheritdoc />
    public int OutputSize(int inputSize)
    {
        if (inputSize != Features)
        {
            throw new ArgumentException($"BatchNorm{Gamma.Name["gamma".Length..]} expects {Text(Features)} inputs, got {Text(inputSize)}.", nameof(inputSize));
        }

        return Features;
    }

    // Training: μ = (1/m)·Σⱼ xⱼ, σ² = (1/m)·Σⱼ (xⱼ − μ)², x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β, and the running
    // statistics move a fraction momentum towards μ and σ²·m/(m − 1).
    // Evaluation: x̂ = (x − running mean)/√(running variance + ε), y = γ·x̂ + β.
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input does not have n rows, or a training batch has fewer than 2 examples.</exception>
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputSize(input.Rows);
        int m = input.Columns;
        bool training = mode == Mode.Train;
        if (training && m < 2)
        {
            throw new ArgumentException($"a training batch must have at least 2 examples for batch statistics, but has {Text(m)}.", nameof(input));
        }

        _normalized = _normalizedBuffers.Get(Features, m);
        _output = _outputBuffers.Get(Features, m);
        T count = T.CreateChecked(m);
        T keep = T.One - _momentum;
        for (int i = 0; i < Features; i++)
        {
            ReadOnlySpan<T> x = input.Row(i);
            Span<T> normalized = _normalized.Row(i);
            Span<T> y = _output.Row(i);
            T mean, variance;
            if (training)
            {
                mean = Sum(x) / count;
                T squares = T.Zero;
                for (int j = 0; j < m; j++)
                {
                    T centered = x[j] - mean;
                    squares += centered * centered;
                }

                variance = squares / count;
                _runningMean[i] = (keep * _runningMean[i]) + (_momentum * mean);
                _runningVariance[i] = (keep * _runningVariance[i]) + (_momentum * (squares / (count - T.One)));
            }
            else
            {
                mean = _runningMean[i];
                variance = _runningVariance[i];
            }

            T inverseDeviation = T.One / T.Sqrt(variance + _epsilon);
            _inverseDeviation[i] = inverseDeviation;
            T gamma = Gamma.Value.Data[i];
            T beta = Beta.Value.Data[i];
            for (int j = 0; j < m; j++)
            {
                normalized[j] = (x[j] - mean) * inverseDeviation;
                y[j] = (gamma * normalized[j]) + beta;
            }
        }

        _lastPassTrained = training;
        return _output;
    }

    // Backward, with s = 1/√(σ² + ε) of the last pass, Σdy = Σⱼ dyⱼ and Σdy·x̂ = Σⱼ dyⱼ·x̂ⱼ:
    //   dγ = (1/m)·Σdy·x̂    dβ = (1/m)·Σdy
    //   training:   dx = γ·s·(dy − (1/m)·Σdy − x̂·(1/m)·Σdy·x̂)
    //   evaluation: dx = γ·s·dy
    /// <inheritdoc />
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        Matrix<T> normalized = _normalized ?? throw new InvalidOperationException("Backward called before Forward.");
        int m = normalized.Columns;
        if (!outputGradient.HasShape(Features, m))
        {
            throw new ArgumentException($"outputGradient must be {Text(Features)}×{Text(m)} like the last output, but is {Text(outputGradient.Rows)}×{Text(outputGradient.Columns)}.", nameof(outputGradient));
        }

        if (computeInputGradient)
        {
            _inputGradient = _inputGradientBuffers.Get(Features, m);
        }

        T count = T.CreateChecked(m);
        for (int i = 0; i < Features; i++)
        {
            ReadOnlySpan<T> dy = outputGradient.Row(i);
            ReadOnlySpan<T> xHat = normalized.Row(i);
            T sumGradient = Sum(dy);
            T sumProduct = T.Zero;
            for (int j = 0; j < m; j++)
            {
                sumProduct += dy[j] * xHat[j];
            }

            Gamma.Gradient.Data[i] = sumProduct / count;
            Beta.Gradient.Data[i] = sumGradient / count;
            if (!computeInputGradient)
            {
                continue;
            }

            Span<T> dx = _inputGradient!.Row(i);
            T scale = Gamma.Value.Data[i] * _inverseDeviation[i];
            if (_lastPassTrained)
            {
                T meanGradient = sumGradient / count;
                T meanProduct = sumProduct / count;
                for (int j = 0; j < m; j++)
                {
                    dx[j] = scale * (dy[j] - meanGradient - (xHat[j] * meanProduct));
                }
            }
            else
            {
                for (int j = 0; j < m; j++)
                {
                    dx[j] = scale * dy[j];
                }
            }
        }

        return computeInputGradient ? _inputGradient : null;
    }

    // Σⱼ vⱼ in increasing j.
    private static T Sum(ReadOnlySpan<T> values)
    {
        T sum = T.Zero;
        for (int j = 0; j < values.Length; j++)
        {
            sum += values[j];
        }

        return sum;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
