using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DropoutLab.Layers;

/// <summary>Generic front of <see cref="DropoutKernel"/>: routes T = float or double to the typed kernels.</summary>
internal static class CounterDropout
{
    public static void ReluForward<T>(ReadOnlySpan<T> z, Span<T> y, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling, int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            DropoutKernel.ReluForward(Cast<T, float>(z), Cast<T, float>(y), mask, keepProb, stream, scaling, threads);
        }
        else
        {
            DropoutKernel.ReluForward(Cast<T, double>(z), Cast<T, double>(y), mask, keepProb, stream, scaling, threads);
        }
    }

    public static void ReluBackward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> dy, ReadOnlySpan<ulong> mask, Span<T> dz, double keepProb, DropoutScaling scaling, int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            DropoutKernel.ReluBackward(Cast<T, float>(z), Cast<T, float>(dy), mask, Cast<T, float>(dz), keepProb, scaling, threads);
        }
        else
        {
            DropoutKernel.ReluBackward(Cast<T, double>(z), Cast<T, double>(dy), mask, Cast<T, double>(dz), keepProb, scaling, threads);
        }
    }

    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling, int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            DropoutKernel.Forward(Cast<T, float>(x), Cast<T, float>(y), mask, keepProb, stream, scaling, threads);
        }
        else
        {
            DropoutKernel.Forward(Cast<T, double>(x), Cast<T, double>(y), mask, keepProb, stream, scaling, threads);
        }
    }

    public static void Backward<T>(ReadOnlySpan<T> dy, ReadOnlySpan<ulong> mask, Span<T> dx, double keepProb, DropoutScaling scaling, int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            DropoutKernel.Backward(Cast<T, float>(dy), mask, Cast<T, float>(dx), keepProb, scaling, threads);
        }
        else
        {
            DropoutKernel.Backward(Cast<T, double>(dy), mask, Cast<T, double>(dx), keepProb, scaling, threads);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(span);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(span);
}
