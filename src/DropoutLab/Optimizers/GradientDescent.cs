using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Layers;
using DropoutLab.Settings;

namespace DropoutLab.Optimizers;

/// <summary>Plain (full-batch or mini-batch) gradient descent: θ ← θ − η·∇θ.</summary>
public sealed class GradientDescent<T> : IOptimizer<T>, IResumableOptimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer with learning rate η &gt; 0.</summary>
    /// <exception cref="SettingException">η is not a positive finite number.</exception>
    public GradientDescent(double learningRate)
    {
        SettingCheck.Positive(learningRate, SettingNames.LearningRate);

        LearningRate = learningRate;
    }

    /// <inheritdoc />
    public double LearningRate { get; set; }

    /// <summary>θ ← θ − η·∇θ for every parameter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        T rate = T.CreateChecked(LearningRate);
        for (int index = 0; index < parameters.Count; index++)
        {
            Parameter<T> parameter = parameters[index];
            // θ + (−η)·g has the bits of θ − η·g: negation is exact
            Numerics.ElementwiseKernels.AddScaled<T>(parameter.Gradient.Data, -rate, parameter.Value.Data);
        }
    }

    /// <inheritdoc />
    OptimizerState<T> IResumableOptimizer<T>.Capture() => new(0, 1, 1, []);

    /// <inheritdoc />
    void IResumableOptimizer<T>.Restore(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Buffers.Length != 0)
        {
            throw new ArgumentException($"gradient descent keeps no buffers, but got {state.Buffers.Length}.", nameof(state));
        }
    }
}
