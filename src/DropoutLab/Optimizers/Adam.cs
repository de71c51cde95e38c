using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DropoutLab.Layers;
using DropoutLab.Numerics.Simd;
using DropoutLab.Settings;

namespace DropoutLab.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂/(√v̂ + ε) with the bias
/// corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
/// </summary>
public sealed class Adam<T> : IOptimizer<T>, IResumableOptimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int MinimumPartition = 1 << 15;
    private readonly int _threads;
    private T[][] _first = [];
    private T[][] _second = [];
    private int _step;
    private double _beta1Power = 1;
    private double _beta2Power = 1;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="threads">Most threads per update (0 = all); element-wise, so the result does not depend on it.</param>
    /// <exception cref="SettingException">η is not a positive finite number.</exception>
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, int threads = 0)
    {
        _threads = threads;
        SettingCheck.Positive(learningRate, SettingNames.LearningRate);

        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"beta1 and beta2 must be in [0, 1), but got {beta1} and {beta2}.");
        }

        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <inheritdoc />
    public double LearningRate { get; set; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_first.Length != parameters.Count)
        {
            _first = [.. parameters.Select(parameter => new T[parameter.Value.Data.Length])];
            _second = [.. parameters.Select(parameter => new T[parameter.Value.Data.Length])];
            _step = 0;
            _beta1Power = 1;
            _beta2Power = 1;
        }

        // βᵗ as a running product: the same bits on every machine, where the C library's pow may differ.
        _step++;
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;
        T beta1 = T.CreateChecked(Beta1), beta2 = T.CreateChecked(Beta2);
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        T stepSize = T.CreateChecked(LearningRate / (1 - _beta1Power));
        T secondCorrection = T.CreateChecked(1 / (1 - _beta2Power));
        T epsilon = T.CreateChecked(Epsilon);
        var constants = new AdamConstants(beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, secondCorrection, epsilon);
        for (int index = 0; index < parameters.Count; index++)
        {
            var update = new Update(parameters[index].Value.Data, parameters[index].Gradient.Data, _first[index], _second[index], constants);
            Threading.RangeRunner.Run(update, update.Value.Length, MinimumPartition, _threads);
        }
    }

    /// <inheritdoc />
    OptimizerState<T> IResumableOptimizer<T>.Capture() =>
        new(_step, _beta1Power, _beta2Power, [.. _first.Select(b => (T[])b.Clone()), .. _second.Select(b => (T[])b.Clone())]);

    /// <inheritdoc />
    void IResumableOptimizer<T>.Restore(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Buffers.Length % 2 != 0)
        {
            throw new ArgumentException($"Adam needs as many second moments as first moments, but got {state.Buffers.Length} buffers.", nameof(state));
        }

        int half = state.Buffers.Length / 2;
        _first = [.. state.Buffers.Take(half).Select(b => (T[])b.Clone())];
        _second = [.. state.Buffers.Skip(half).Select(b => (T[])b.Clone())];
        _step = checked((int)state.Step);
        _beta1Power = state.Beta1Power;
        _beta2Power = state.Beta2Power;
    }

    private readonly record struct AdamConstants(T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T StepSize, T SecondCorrection, T Epsilon);

    // The update on elements [start, end): element-wise IEEE operations, none fused, so any partition and any register
    // width give the same bits.
    private readonly record struct Update(T[] Value, T[] Gradient, T[] First, T[] Second, AdamConstants C) : Threading.IRangeBody
    {
        public void Run(int start, int end)
        {
            var body = new AdamBody(Value.AsSpan(start, end - start), Gradient.AsSpan(start, end - start), First.AsSpan(start, end - start), Second.AsSpan(start, end - start), C);
            SimdDriver.Run<T, AdamBody>(end - start, ref body, SimdWidths.Best);
        }
    }

    // m ← β₁m + (1−β₁)g, v ← β₂v + ((1−β₂)g)g, θ ← θ − (η′m)/(√(v·c₂) + ε) with η′ = η/(1−β₁ᵗ), c₂ = 1/(1−β₂ᵗ)
    private readonly ref struct AdamBody(Span<T> value, ReadOnlySpan<T> gradient, Span<T> first, Span<T> second, AdamConstants c) : IVectorBody<T>
    {
        private readonly ref T _value = ref MemoryMarshal.GetReference(value);
        private readonly ref T _gradient = ref MemoryMarshal.GetReference(gradient);
        private readonly ref T _first = ref MemoryMarshal.GetReference(first);
        private readonly ref T _second = ref MemoryMarshal.GetReference(second);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TV>(nuint offset)
            where TV : unmanaged, IVector<TV, T>
        {
            TV g = TV.Load(in _gradient, offset);
            TV m = (TV.Create(c.Beta1) * TV.Load(in _first, offset)) + (TV.Create(c.OneMinusBeta1) * g);
            TV v = (TV.Create(c.Beta2) * TV.Load(in _second, offset)) + (TV.Create(c.OneMinusBeta2) * g * g);
            TV.Store(m, ref _first, offset);
            TV.Store(v, ref _second, offset);
            TV step = TV.Create(c.StepSize) * m / (TV.Sqrt(v * TV.Create(c.SecondCorrection)) + TV.Create(c.Epsilon));
            TV.Store(TV.Load(in _value, offset) - step, ref _value, offset);
        }
    }
}
