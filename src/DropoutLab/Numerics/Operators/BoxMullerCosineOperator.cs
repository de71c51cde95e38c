using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Functions;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>z = r·cos(π·t) for t in [0, 2): the first normal of a Box–Muller pair (angle θ = π·t), with the owned cos.</summary>
internal readonly struct BoxMullerCosineOperator : IBinaryOperator<double>
{
    /// <param name="radius">r = √(−2 ln u₁).</param>
    /// <param name="turns">t = 2·u₂.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV radius, TV turns)
        where TV : unmanaged, IVector<TV, double>
        => radius * CosPi.OnZeroToTwo(turns);
}
