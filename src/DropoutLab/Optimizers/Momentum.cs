using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DropoutLab.Layers;
using DropoutLab.Numerics.Simd;
using DropoutLab.Settings;

namespace DropoutLab.Optimizers;

/// <summary>
/// Gradient descent with (heavy-ball) momentum, in PyTorch's form: v ← μ·v + ∇θ, θ ← θ − η·v.
/// Velocities start at zero and are allocated on the first step.
/// </summary>
public sealed class Momentum<T> : IOptimizer<T>, IResumableOptimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int MinimumPartition = 1 << 15;
    private readonly int _threads;
    private T[][] _velocity = [];

    /// <summary>Creates the optimizer with learning rate η &gt; 0 and momentum μ in [0, 1).</summary>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="momentum">μ in [0, 1).</param>
    /// <param name="threads">Most threads per update (0 = all); element-wise, so the result does not depend on it.</param>
    /// <exception cref="SettingException">η or μ is out of range.</exception>
    public Momentum(double learningRate, double momentum, int threads = 0)
    {
        _threads = threads;
        SettingCheck.Positive(learningRate, SettingNames.LearningRate);
        SettingCheck.BelowOne(momentum, SettingNames.Momentum);

        LearningRate = learningRate;
        Coefficient = T.CreateChecked(momentum);
    }

    /// <inheritdoc />
    public double LearningRate { get; set; }

    /// <summary>μ.</summary>
    public T Coefficient { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_velocity.Length != parameters.Count)
        {
            _velocity = [.. parameters.Select(parameter => new T[parameter.Value.Data.Length])];
        }

        T rate = T.CreateChecked(LearningRate);
        for (int index = 0; index < parameters.Count; index++)
        {
            var update = new Update(parameters[index].Value.Data, parameters[index].Gradient.Data, _velocity[index], Coefficient, rate);
            Threading.RangeRunner.Run(update, update.Value.Length, MinimumPartition, _threads);
        }
    }

    /// <inheritdoc />
    OptimizerState<T> IResumableOptimizer<T>.Capture() => new(0, 1, 1, [.. _velocity.Select(b => (T[])b.Clone())]);

    /// <inheritdoc />
    void IResumableOptimizer<T>.Restore(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _velocity = [.. state.Buffers.Select(b => (T[])b.Clone())];
    }

    // v ← μ·v + g, θ ← θ − η·v on elements [start, end): a product then a sum each, never fused; element-wise, so
    // any partition and any register width give the same bits
    private readonly record struct Update(T[] Value, T[] Gradient, T[] Velocity, T Coefficient, T Rate) : Threading.IRangeBody
    {
        public void Run(int start, int end)
        {
            var body = new MomentumBody(Value.AsSpan(start, end - start), Gradient.AsSpan(start, end - start), Velocity.AsSpan(start, end - start), Coefficient, Rate);
            SimdDriver.Run<T, MomentumBody>(end - start, ref body, SimdWidths.Best);
        }
    }

    private readonly ref struct MomentumBody(Span<T> value, ReadOnlySpan<T> gradient, Span<T> velocity, T coefficient, T rate) : IVectorBody<T>
    {
        private readonly ref T _value = ref MemoryMarshal.GetReference(value);
        private readonly ref T _gradient = ref MemoryMarshal.GetReference(gradient);
        private readonly ref T _velocity = ref MemoryMarshal.GetReference(velocity);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TV>(nuint offset)
            where TV : unmanaged, IVector<TV, T>
        {
            TV v = (TV.Create(coefficient) * TV.Load(in _velocity, offset)) + TV.Load(in _gradient, offset);
            TV.Store(v, ref _velocity, offset);
            TV.Store(TV.Load(in _value, offset) - (TV.Create(rate) * v), ref _value, offset);
        }
    }
}
