using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Functions;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>a = 1 / (1 + e^(−z)), the logistic sigmoid, with the owned exponential (the same bits on every CPU).</summary>
internal readonly struct SigmoidOperator<T> : IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>
    {
        TV one = TV.Create(T.One);
        return one / (one + default(ExpOperator<T>).Invoke(-x));
    }
}
