using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DropoutLab.Numerics;

/// <summary>Element-wise kernels the layers share, vectorised with Vector512&lt;T&gt; and a scalar tail.</summary>
public static class ElementwiseKernels
{
    /// <summary>dxᵢ = dyᵢ·[yᵢ &gt; 0] (the ReLU derivative read from the ReLU's output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaskByPositive<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(outputGradient.Length, output.Length, inputGradient.Length);
        int n = output.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int width = Vector512<T>.Count;
            for (; i <= n - width; i += width)
            {
                Vector512<T> y = Vector512.LoadUnsafe(ref Unsafe.AsRef(in output[i]));
                Vector512<T> dy = Vector512.LoadUnsafe(ref Unsafe.AsRef(in outputGradient[i]));
                Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<T>.Zero), dy, Vector512<T>.Zero)
                    .StoreUnsafe(ref inputGradient[i]);
            }
        }

        for (; i < n; i++)
        {
            inputGradient[i] = output[i] > T.Zero ? outputGradient[i] : T.Zero;
        }
    }

    /// <summary>
    /// yᵢ = max(xᵢ, 0) with the IEEE 754 maximum's edge cases (max(−0, 0) = +0, NaN stays NaN): the same bits as
    /// TensorPrimitives.Max(x, 0), as xᵢ if xᵢ &gt; 0 or xᵢ is NaN, else +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException("input and output differ in length.", nameof(output));
        }

        int n = input.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> x = Vector512.LoadUnsafe(ref Unsafe.AsRef(in input[i]));
                Vector512<T> keep = Vector512.GreaterThan(x, Vector512<T>.Zero) | ~Vector512.Equals(x, x);
                (x & keep).StoreUnsafe(ref output[i]);
            }
        }

        for (; i < n; i++)
        {
            T x = input[i];
            output[i] = x > T.Zero || T.IsNaN(x) ? x : T.Zero;
        }
    }

    /// <summary>yᵢ = 1 if xᵢ &lt; threshold else 0 (a Bernoulli mask from uniforms; output may be the input).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Below(ReadOnlySpan<double> input, double threshold, Span<double> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException("input and output differ in length.", nameof(output));
        }

        int n = input.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> limit = Vector512.Create(threshold);
            Vector512<double> one = Vector512<double>.One;
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                Vector512<double> x = Vector512.LoadUnsafe(ref Unsafe.AsRef(in input[i]));
                (Vector512.LessThan(x, limit) & one).StoreUnsafe(ref output[i]);
            }
        }

        for (; i < n; i++)
        {
            output[i] = input[i] < threshold ? 1.0 : 0.0;
        }
    }

    /// <summary>yᵢ = (xᵢ·mᵢ)/keepProb when <paramref name="divide"/>, else yᵢ = xᵢ·mᵢ (the two roundings of numpy's code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyMask<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> mask, T keepProb, bool divide, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(input.Length, mask.Length, output.Length);
        int n = input.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int width = Vector512<T>.Count;
            Vector512<T> keep = Vector512.Create(keepProb);
            for (; i <= n - width; i += width)
            {
                Vector512<T> y = Vector512.LoadUnsafe(ref Unsafe.AsRef(in input[i])) * Vector512.LoadUnsafe(ref Unsafe.AsRef(in mask[i]));
                if (divide)
                {
                    y /= keep;
                }

                y.StoreUnsafe(ref output[i]);
            }
        }

        for (; i < n; i++)
        {
            T y = input[i] * mask[i];
            output[i] = divide ? y / keepProb : y;
        }
    }

    private static void CheckLengths(int a, int b, int c)
    {
        if (a != b || a != c)
        {
            throw new ArgumentException($"Span lengths differ: {a}, {b}, {c}.");
        }
    }
}
