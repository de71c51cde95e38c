using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Layers;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>dx = dy·λ where y &gt; 0 and dy·(y + λα) otherwise: SELU's derivative read from its output, since λα·eˣ = y + λα.</summary>
internal readonly struct SeluDerivativeOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <param name="outputGradient">dy.</param>
    /// <param name="output">y.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV outputGradient, TV output)
        where TV : unmanaged, IVector<TV, T>
    {
        TV lambdaAlpha = TV.Create(T.CreateTruncating(SeluConstants.Lambda * SeluConstants.Alpha));
        return outputGradient * TV.Select(TV.CompareGreaterThan(output, TV.Zero), TV.Create(T.CreateTruncating(SeluConstants.Lambda)), output + lambdaAlpha);
    }
}
