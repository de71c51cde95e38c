using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>
/// y = max(x, 0) with the IEEE 754 maximum's edge cases: y = x if x &gt; 0 or x is NaN, else +0 (so max(−0, 0) = +0).
/// </summary>
internal readonly struct ReluOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
        => x & (TV.CompareGreaterThan(x, TV.Zero) | ~TV.CompareEqual(x, x));
}
