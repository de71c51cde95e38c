using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>dx = dy·y·(1 − y): the logistic sigmoid's derivative read from its output y.</summary>
internal readonly struct SigmoidDerivativeOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <param name="outputGradient">dy.</param>
    /// <param name="output">y.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV outputGradient, TV output)
        where TV : unmanaged, IVector<TV, T>
        => outputGradient * output * (TV.Create(T.One) - output);
}
