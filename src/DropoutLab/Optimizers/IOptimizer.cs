using System.Numerics;
using DropoutLab.Layers;

namespace DropoutLab.Optimizers;

/// <summary>Updates parameters from their gradients.</summary>
public interface IOptimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Learning rate η used by the next <see cref="Step"/> (a schedule may change it between steps).</summary>
    double LearningRate { get; set; }

    /// <summary>One update of every parameter from its current gradient.</summary>
    void Step(IReadOnlyList<Parameter<T>> parameters);
}
