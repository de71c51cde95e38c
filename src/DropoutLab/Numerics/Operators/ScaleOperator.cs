using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>y = factor·x.</summary>
internal readonly struct ScaleOperator<T>(T factor) : IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
        => TV.Create(factor) * x;
}
