using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Functions;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>
/// z = r·sin(π·t) for t in [0, 2): the second normal of a Box–Muller pair, as r·cos(π·|t − ½|) (sin(πt) = cos(π(t − ½))
/// and cos is even; t − ½ is exact for t = w·2⁻³¹), with the owned cos.
/// </summary>
internal readonly struct BoxMullerSineOperator : IBinaryOperator<double>
{
    /// <param name="radius">r = √(−2 ln u₁).</param>
    /// <param name="turns">t = 2·u₂.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV radius, TV turns)
        where TV : unmanaged, IVector<TV, double>
        => radius * CosPi.OnZeroToTwo((turns - TV.Create(0.5)) & TV.CreateBits(0x7FFF_FFFF_FFFF_FFFFUL));
}
