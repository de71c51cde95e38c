using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DropoutLab.Numerics;

// Dimension key (activations are features × examples, one column per example):
//   o = output units, i = input units, m = examples (columns)
//   W : o × i    X : i × m    Z, dZ : o × m    dW : o × i    dX : i × m    b : o
//
// Each kernel vectorises across examples, the contiguous axis, with Vector512<T> and a scalar tail.
// A plain reference version of each kernel sits in ColumnKernelsReference and the tests hold them together.

/// <summary>The three products a dense layer needs in the features × examples layout.</summary>
public static class ColumnKernels
{
    /// <summary>Z = W·X + b (b broadcast across examples). Each Zᵣⱼ = (Σₖ Wᵣₖ·Xₖⱼ) + bᵣ, summed in k order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Affine<T>(Matrix<T> weights, Matrix<T> input, ReadOnlySpan<T> bias, Matrix<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int o = weights.Rows, i = weights.Columns, m = input.Columns;
        CheckShapes(input.Rows == i && output.Rows == o && output.Columns == m && bias.Length == o, "Affine");
        if (i == 0)
        {
            for (int r = 0; r < o; r++)
            {
                output.Row(r).Fill(bias[r]);
            }

            return;
        }

        ReadOnlySpan<T> w = weights.Data;
        ReadOnlySpan<T> x = input.Data;
        Span<T> z = output.Data;
        int width = Vector512<T>.Count;
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Shapes were checked above, so every index below is in range.
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T x0 = ref MemoryMarshal.GetReference(x);
            ref T z0 = ref MemoryMarshal.GetReference(z);
            ref T b0 = ref MemoryMarshal.GetReference(bias);
            for (; j <= m - width; j += width)
            {
                for (int r = 0; r < o; r++)
                {
                    ref T wr = ref Unsafe.Add(ref w0, r * i);
                    Vector512<T> acc = Vector512.Create(wr) * Vector512.LoadUnsafe(ref x0, (nuint)j);
                    for (int k = 1; k < i; k++)
                    {
                        acc += Vector512.Create(Unsafe.Add(ref wr, k)) * Vector512.LoadUnsafe(ref x0, (nuint)((k * m) + j));
                    }

                    (acc + Vector512.Create(Unsafe.Add(ref b0, r))).StoreUnsafe(ref z0, (nuint)((r * m) + j));
                }
            }
        }

        for (; j < m; j++)
        {
            for (int r = 0; r < o; r++)
            {
                T acc = w[r * i] * x[j];
                for (int k = 1; k < i; k++)
                {
                    acc += w[(r * i) + k] * x[(k * m) + j];
                }

                z[(r * m) + j] = acc + bias[r];
            }
        }
    }

    /// <summary>dW = scale·(dZ·Xᵀ): dWᵣₖ = scale·Σⱼ dZᵣⱼ·Xₖⱼ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient<T>(Matrix<T> outputGradient, Matrix<T> input, T scale, Matrix<T> weightGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int o = outputGradient.Rows, m = outputGradient.Columns, i = input.Rows;
        CheckShapes(input.Columns == m && weightGradient.Rows == o && weightGradient.Columns == i, "WeightGradient");
        Span<T> dw = weightGradient.Data;
        for (int r = 0; r < o; r++)
        {
            ReadOnlySpan<T> dzr = outputGradient.Row(r);
            for (int k = 0; k < i; k++)
            {
                dw[(r * i) + k] = scale * Dot(dzr, input.Row(k));
            }
        }
    }

    /// <summary>db = scale·(dZ·1): dbᵣ = scale·Σⱼ dZᵣⱼ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BiasGradient<T>(Matrix<T> outputGradient, T scale, Span<T> biasGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(biasGradient.Length == outputGradient.Rows, "BiasGradient");
        for (int r = 0; r < outputGradient.Rows; r++)
        {
            biasGradient[r] = scale * PairwiseSum.Sum<T>(outputGradient.Row(r));
        }
    }

    /// <summary>dX = Wᵀ·dZ: dXₖⱼ = Σᵣ Wᵣₖ·dZᵣⱼ, summed in r order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InputGradient<T>(Matrix<T> weights, Matrix<T> outputGradient, Matrix<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int o = weights.Rows, i = weights.Columns, m = outputGradient.Columns;
        CheckShapes(outputGradient.Rows == o && inputGradient.Rows == i && inputGradient.Columns == m, "InputGradient");
        if (o == 0)
        {
            inputGradient.Fill(T.Zero);
            return;
        }

        ReadOnlySpan<T> w = weights.Data;
        ReadOnlySpan<T> dz = outputGradient.Data;
        Span<T> dx = inputGradient.Data;
        int width = Vector512<T>.Count;
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Shapes were checked above, so every index below is in range.
            ref T w0 = ref MemoryMarshal.GetReference(w);
            ref T dz0 = ref MemoryMarshal.GetReference(dz);
            ref T dx0 = ref MemoryMarshal.GetReference(dx);
            for (; j <= m - width; j += width)
            {
                for (int k = 0; k < i; k++)
                {
                    Vector512<T> acc = Vector512.Create(Unsafe.Add(ref w0, k)) * Vector512.LoadUnsafe(ref dz0, (nuint)j);
                    for (int r = 1; r < o; r++)
                    {
                        acc += Vector512.Create(Unsafe.Add(ref w0, (r * i) + k)) * Vector512.LoadUnsafe(ref dz0, (nuint)((r * m) + j));
                    }

                    acc.StoreUnsafe(ref dx0, (nuint)((k * m) + j));
                }
            }
        }

        for (; j < m; j++)
        {
            for (int k = 0; k < i; k++)
            {
                T acc = w[k] * dz[j];
                for (int r = 1; r < o; r++)
                {
                    acc += w[(r * i) + k] * dz[(r * m) + j];
                }

                dx[(k * m) + j] = acc;
            }
        }
    }

    /// <summary>Σⱼ aⱼ·bⱼ with four vector partial sums (a fixed order, so the result is reproducible).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Length;
        int width = Vector512<T>.Count;
        int j = 0;
        T sum = T.Zero;
        if (Vector512.IsHardwareAccelerated && n >= width)
        {
            if (b.Length < n)
            {
                throw new ArgumentException("b is shorter than a.", nameof(b));
            }

            ref T a0 = ref MemoryMarshal.GetReference(a);
            ref T b0 = ref MemoryMarshal.GetReference(b);
            Vector512<T> s0 = Vector512<T>.Zero, s1 = Vector512<T>.Zero, s2 = Vector512<T>.Zero, s3 = Vector512<T>.Zero;
            for (; j <= n - (4 * width); j += 4 * width)
            {
                s0 += Vector512.LoadUnsafe(ref a0, (nuint)j) * Vector512.LoadUnsafe(ref b0, (nuint)j);
                s1 += Vector512.LoadUnsafe(ref a0, (nuint)(j + width)) * Vector512.LoadUnsafe(ref b0, (nuint)(j + width));
                s2 += Vector512.LoadUnsafe(ref a0, (nuint)(j + (2 * width))) * Vector512.LoadUnsafe(ref b0, (nuint)(j + (2 * width)));
                s3 += Vector512.LoadUnsafe(ref a0, (nuint)(j + (3 * width))) * Vector512.LoadUnsafe(ref b0, (nuint)(j + (3 * width)));
            }

            for (; j <= n - width; j += width)
            {
                s0 += Vector512.LoadUnsafe(ref a0, (nuint)j) * Vector512.LoadUnsafe(ref b0, (nuint)j);
            }

            sum = Vector512.Sum((s0 + s1) + (s2 + s3));
        }

        for (; j < n; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    private static void CheckShapes(bool ok, string kernel)
    {
        if (!ok)
        {
            throw new ArgumentException($"{kernel}: matrix shapes do not agree.");
        }
    }
}
