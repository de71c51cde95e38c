using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DropoutLab.Layers;

namespace DropoutLab.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂/(√v̂ + ε) with the bias
/// corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
/// </summary>
public sealed class Adam<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[][] _first = [];
    private T[][] _second = [];
    private int _step;

    /// <summary>Creates the optimizer.</summary>
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (!(learningRate > 0.0) || double.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"learningRate must be a positive finite number, but got {learningRate}.");
        }

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
        }

        _step++;
        T beta1 = T.CreateChecked(Beta1), beta2 = T.CreateChecked(Beta2);
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        T stepSize = T.CreateChecked(LearningRate / (1 - Math.Pow(Beta1, _step)));
        T secondCorrection = T.CreateChecked(1 / (1 - Math.Pow(Beta2, _step)));
        T epsilon = T.CreateChecked(Epsilon);
        for (int index = 0; index < parameters.Count; index++)
        {
            Span<T> value = parameters[index].Value.Data;
            ReadOnlySpan<T> gradient = parameters[index].Gradient.Data;
            Span<T> first = _first[index], second = _second[index];
            int i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                int width = Vector512<T>.Count;
                for (; i <= value.Length - width; i += width)
                {
                    Vector512<T> g = Vector512.Create(gradient.Slice(i, width));
                    Vector512<T> m = (Vector512.Create(beta1) * Vector512.Create(first.Slice(i, width))) + (Vector512.Create(oneMinusBeta1) * g);
                    Vector512<T> v = (Vector512.Create(beta2) * Vector512.Create(second.Slice(i, width))) + (Vector512.Create(oneMinusBeta2) * g * g);
                    m.CopyTo(first.Slice(i, width));
                    v.CopyTo(second.Slice(i, width));
                    Vector512<T> theta = Vector512.Create(value.Slice(i, width));
                    theta -= Vector512.Create(stepSize) * m / (Vector512.Sqrt(v * Vector512.Create(secondCorrection)) + Vector512.Create(epsilon));
                    theta.CopyTo(value.Slice(i, width));
                }
            }

            for (; i < value.Length; i++)
            {
                T g = gradient[i];
                first[i] = (beta1 * first[i]) + (oneMinusBeta1 * g);
                second[i] = (beta2 * second[i]) + (oneMinusBeta2 * g * g);
                value[i] -= stepSize * first[i] / (T.Sqrt(second[i] * secondCorrection) + epsilon);
            }
        }
    }
}
