using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>dx = dy·[y &gt; 0]: the ReLU derivative read from the ReLU's output y (the subgradient at 0 is 0).</summary>
internal readonly struct PositiveGateOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <param name="outputGradient">dy.</param>
    /// <param name="output">y.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV outputGradient, TV output)
        where TV : unmanaged, IVector<TV, T>
        => outputGradient & TV.CompareGreaterThan(output, TV.Zero);
}
