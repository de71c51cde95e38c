using System.Numerics;
using DropoutLab.Layers;

namespace DropoutLab.Optimizers;

/// <summary>Updates parameters from their gradients.</summary>
public interface IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>One update of every parameter from its current gradient.</summary>
    void Step(IReadOnlyList<Parameter<T>> parameters);
}
