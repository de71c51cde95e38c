using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics.Operators;

/// <summary>
/// y = (x·m)/keepProb when dividing (inverted dropout), else y = x·m: a product then a correctly rounded quotient,
/// the two roundings of numpy's <c>a * d / keep_prob</c>. The divider is used at every width: a multiply by 1/keepProb
/// would round differently, and a Markstein-style correction needs fused multiply–add, which x86 without FMA emulates.
/// </summary>
internal readonly struct MaskOperator<T>(T keepProb, bool divide) : IBinaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <param name="x">The activations a.</param>
    /// <param name="mask">The mask m, 1 kept or 0 dropped.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TV>(TV x, TV mask)
        where TV : unmanaged, IVector<TV, T>
    {
        TV y = x * mask;
        return divide ? y / TV.Create(keepProb) : y;
    }
}
