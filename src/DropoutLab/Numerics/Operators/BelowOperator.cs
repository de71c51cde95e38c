using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>m = [u &lt; threshold] as 1 or 0: a Bernoulli(threshold) mask from uniforms u in [0, 1).</summary>
internal readonly struct BelowOperator<T>(T threshold) : IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
        => TV.CompareLessThan(x, TV.Create(threshold)) & TV.Create(T.One);
}
