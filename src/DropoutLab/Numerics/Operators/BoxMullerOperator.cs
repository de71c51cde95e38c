using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Functions;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>
/// z = √(−2 ln u₁)·cos(2π·u₂) for u₁ in (0, 1] and u₂ in [0, 1): Box and Muller's standard normal ("A Note on the
/// Generation of Random Normal Deviates", Ann. Math. Statist. 29, 1958), with the owned ln and cos(π·t), so every lane
/// width and the scalar tail give the same bits.
/// </summary>
internal readonly struct BoxMullerOperator : IBinaryOperator<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x, TV y)
        where TV : unmanaged, IVector<TV, double>
        => TV.Sqrt(TV.Create(-2.0) * default(LogOperator<double>).Invoke(x)) * CosPi.OnZeroToTwo(TV.Create(2.0) * y);
}
