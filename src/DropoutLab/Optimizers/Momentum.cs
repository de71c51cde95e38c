using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Layers;

namespace DropoutLab.Optimizers;

/// <summary>
/// Gradient descent with (heavy-ball) momentum, in PyTorch's form: v ← μ·v + ∇θ, θ ← θ − η·v.
/// Velocities start at zero and are allocated on the first step.
/// </summary>
public sealed class Momentum<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[][] _velocity = [];

    /// <summary>Creates the optimizer with learning rate η &gt; 0 and momentum μ in [0, 1).</summary>
    public Momentum(double learningRate, double momentum)
    {
        if (!(learningRate > 0.0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"learningRate must be a positive finite number, but got {learningRate}.");
        }

        if (!(momentum >= 0.0 && momentum < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum must be in [0, 1), but got {momentum}.");
        }

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

        for (int index = 0; index < parameters.Count; index++)
        {
            Span<T> value = parameters[index].Value.Data;
            ReadOnlySpan<T> gradient = parameters[index].Gradient.Data;
            Span<T> velocity = _velocity[index];
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(velocity, Coefficient, gradient, velocity);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(velocity, -T.CreateChecked(LearningRate), value, value);
        }
    }
}
