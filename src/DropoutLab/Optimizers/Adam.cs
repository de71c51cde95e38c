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
    private const int MinimumPartition = 1 << 15;
    private readonly int _threads;
    private T[][] _first = [];
    private T[][] _second = [];
    private int _step;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="threads">Most threads per update (0 = all); element-wise, so the result does not depend on it.</param>
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, int threads = 0)
    {
        _threads = threads;
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
        var constants = new AdamConstants(beta1, oneMinusBeta1, beta2, oneMinusBeta2, stepSize, secondCorrection, epsilon);
        for (int index = 0; index < parameters.Count; index++)
        {
            var update = new Update(parameters[index].Value.Data, parameters[index].Gradient.Data, _first[index], _second[index], constants);
            Threading.RangeRunner.Run(update, update.Value.Length, MinimumPartition, _threads);
        }
    }

    private readonly record struct AdamConstants(T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T StepSize, T SecondCorrection, T Epsilon);

    // The update on elements [start, end); element-wise IEEE operations in the same order in the vector and scalar
    // forms, so any partition gives the same bits.
    private readonly record struct Update(T[] Value, T[] Gradient, T[] First, T[] Second, AdamConstants C) : Threading.IRangeBody
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            Span<T> value = Value.AsSpan(start, end - start), first = First.AsSpan(start, end - start), second = Second.AsSpan(start, end - start);
            ReadOnlySpan<T> gradient = Gradient.AsSpan(start, end - start);
            int i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                int width = Vector512<T>.Count;
                for (; i <= value.Length - width; i += width)
                {
                    Vector512<T> g = Vector512.Create(gradient.Slice(i, width));
                    Vector512<T> m = (Vector512.Create(C.Beta1) * Vector512.Create(first.Slice(i, width))) + (Vector512.Create(C.OneMinusBeta1) * g);
                    Vector512<T> v = (Vector512.Create(C.Beta2) * Vector512.Create(second.Slice(i, width))) + (Vector512.Create(C.OneMinusBeta2) * g * g);
                    m.CopyTo(first.Slice(i, width));
                    v.CopyTo(second.Slice(i, width));
                    Vector512<T> theta = Vector512.Create(value.Slice(i, width));
                    theta -= Vector512.Create(C.StepSize) * m / (Vector512.Sqrt(v * Vector512.Create(C.SecondCorrection)) + Vector512.Create(C.Epsilon));
                    theta.CopyTo(value.Slice(i, width));
                }
            }

            for (; i < value.Length; i++)
            {
                T g = gradient[i];
                first[i] = (C.Beta1 * first[i]) + (C.OneMinusBeta1 * g);
                second[i] = (C.Beta2 * second[i]) + (C.OneMinusBeta2 * g * g);
                value[i] -= C.StepSize * first[i] / (T.Sqrt(second[i] * C.SecondCorrection) + C.Epsilon);
            }
        }
    }
}
