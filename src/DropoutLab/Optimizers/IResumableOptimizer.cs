using System.Numerics;

namespace DropoutLab.Optimizers;

/// <summary>An optimizer whose state can be copied out and put back, so a resumed run takes the same steps.</summary>
internal interface IResumableOptimizer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>A copy of the state (buffers are copied, not shared).</summary>
    OptimizerState<T> Capture();

    /// <summary>Replaces the state with a copy of <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentException">The state has the wrong number of buffers for this optimizer.</exception>
    void Restore(OptimizerState<T> state);
}
