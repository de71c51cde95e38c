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
            Vector512<T> reciprocal = Vector512.Create(T.One / keepProb);
            for (; i <= n - width; i += width)
            {
                Vector512<T> y = Vector512.LoadUnsafe(ref Unsafe.AsRef(in input[i])) * Vector512.LoadUnsafe(ref Unsafe.AsRef(in mask[i]));
                if (divide)
                {
                    y = Divide(y, keep, reciprocal);
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

    /// <summary>
    /// The correctly rounded quotient RN(y/b) without a divide instruction (Markstein 1990): with r = RN(1/b),
    /// q = RN(y·r) and the exact residual e = y − b·q (one FMA), RN(q + e·r) = RN(y/b) for normal y and b. The same
    /// bits as <c>y / b</c>, at the cost of a multiply and two FMAs instead of a slow vector division.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Divide<T>(Vector512<T> y, Vector512<T> divisor, Vector512<T> reciprocal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            Vector512<double> q = y.AsDouble() * reciprocal.AsDouble();
            Vector512<double> e = Vector512.FusedMultiplyAdd(-q, divisor.AsDouble(), y.AsDouble());
            return Vector512.FusedMultiplyAdd(e, reciprocal.AsDouble(), q).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            Vector512<float> q = y.AsSingle() * reciprocal.AsSingle();
            Vector512<float> e = Vector512.FusedMultiplyAdd(-q, divisor.AsSingle(), y.AsSingle());
            return Vector512.FusedMultiplyAdd(e, reciprocal.AsSingle(), q).As<float, T>();
        }

        return y / divisor;
    }

    /// <summary>
    /// aᵢ = 1 / (1 + e^(−zᵢ)), with the same bits wherever the buffers sit in memory. TensorPrimitives' vectorised
    /// exp handles a misaligned head and a short tail differently from the aligned body, and the paths differ in the
    /// last bit, so e^(−z) is computed here on a 64-byte-aligned copy padded to a whole number of vectors: one code
    /// path for every element, whatever the caller's buffer addresses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid<T>(ReadOnlySpan<T> logits, Span<T> probabilities)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (logits.Length != probabilities.Length)
        {
            throw new ArgumentException($"Span lengths differ: {logits.Length}, {probabilities.Length}.", nameof(probabilities));
        }

        int n = logits.Length;
        int padded = (n + 15) & ~15;
        Span<T> scratch = AlignedScratch<T>.Get(padded);
        System.Numerics.Tensors.TensorPrimitives.Negate(logits, scratch);
        scratch[n..].Clear();
        System.Numerics.Tensors.TensorPrimitives.Exp<T>(scratch, scratch);
        System.Numerics.Tensors.TensorPrimitives.Add(scratch, T.One, scratch);
        System.Numerics.Tensors.TensorPrimitives.Divide(T.One, scratch[..n], probabilities);
    }

    private static void CheckLengths(int a, int b, int c)
    {
        if (a != b || a != c)
        {
            throw new ArgumentException($"Span lengths differ: {a}, {b}, {c}.");
        }
    }
}
