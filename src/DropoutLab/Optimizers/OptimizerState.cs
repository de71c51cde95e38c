using System.Numerics;

namespace DropoutLab.Optimizers;

/// <summary>
/// What an optimizer carries from one step to the next, for checkpoints: the steps taken t, the running products
/// β₁ᵗ and β₂ᵗ (1 when the rule has none), and its per-parameter buffers in parameter order (Adam: every first
/// moment m, then every second moment v; momentum: every velocity v; plain gradient descent: none). Empty buffers
/// mean no step has run.
/// </summary>
internal sealed record OptimizerState<T>(long Step, double Beta1Power, double Beta2Power, T[][] Buffers)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
