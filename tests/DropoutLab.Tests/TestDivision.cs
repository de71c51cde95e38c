using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Tests;

/// <summary>The dropout apply step with every element kept and numpy's arithmetic: yₑ = xₑ/keepProb.</summary>
internal static class TestDivision
{
    public static void Divide<T>(ReadOnlySpan<T> x, double keepProb, Span<T> y, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ulong[] allKept = [.. Enumerable.Repeat(ulong.MaxValue, DropoutKernel.MaskWordCount(x.Length))];
        DropoutKernel.Run(x, x, y, allKept, null, keepProb, DropoutScaling.Inverted, relu: false, divide: true, maxDegreeOfParallelism: 1, width);
    }

    public static void Divide<T>(ReadOnlySpan<T> x, double keepProb, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Divide(x, keepProb, y, SimdWidths.Best);
}
