using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Layers;
using DropoutLab.Numerics.Functions;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>
/// y = λ·x for x &gt; 0 and λα·(eˣ − 1) otherwise, SELU (Klambauer et al., NeurIPS 2017), with the owned exponential;
/// both branches are computed and the lane's own selected (eˣ of a positive lane is discarded).
/// </summary>
internal readonly struct SeluOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV negative = TV.Create(T.CreateTruncating(SeluConstants.Lambda * SeluConstants.Alpha)) * (default(ExpOperator<T>).Invoke(x) - TV.Create(T.One));
        return TV.Select(TV.CompareGreaterThan(x, TV.Zero), TV.Create(T.CreateTruncating(SeluConstants.Lambda)) * x, negative);
    }
}
