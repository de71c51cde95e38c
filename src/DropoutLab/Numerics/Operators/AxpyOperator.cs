using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>z = y + factor·x: one product, then one sum (never fused).</summary>
internal readonly struct AxpyOperator<T>(T factor) : IBinaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x, TV y)
        where TV : unmanaged, IVector<TV, T>
        => y + (TV.Create(factor) * x);
}
