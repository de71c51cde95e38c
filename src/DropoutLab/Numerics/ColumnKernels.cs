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
            // Four output rows share each load of X; every Zᵣⱼ is still w₀x₀ + w₁x₁ + … in k order, then + bᵣ.
            ref T wRef = ref MemoryMarshal.GetReference(w);
            ref T xRef = ref MemoryMarshal.GetReference(x);
            ref T zRef = ref MemoryMarshal.GetReference(z);
            for (; j <= m - width; j += width)
            {
                int r = 0;
                for (; r <= o - 4; r += 4)
                {
                    ref T w0 = ref Unsafe.Add(ref wRef, r * i);
                    ref T w1 = ref Unsafe.Add(ref w0, i);
                    ref T w2 = ref Unsafe.Add(ref w1, i);
                    ref T w3 = ref Unsafe.Add(ref w2, i);
                    Vector512<T> xv = Vector512.LoadUnsafe(ref xRef, (nuint)j);
                    Vector512<T> acc0 = Vector512.Create(w0) * xv;
                    Vector512<T> acc1 = Vector512.Create(w1) * xv;
                    Vector512<T> acc2 = Vector512.Create(w2) * xv;
                    Vector512<T> acc3 = Vector512.Create(w3) * xv;
                    for (int k = 1; k < i; k++)
                    {
                        xv = Vector512.LoadUnsafe(ref xRef, (nuint)((k * m) + j));
                        acc0 += Vector512.Create(Unsafe.Add(ref w0, k)) * xv;
                        acc1 += Vector512.Create(Unsafe.Add(ref w1, k)) * xv;
                        acc2 += Vector512.Create(Unsafe.Add(ref w2, k)) * xv;
                        acc3 += Vector512.Create(Unsafe.Add(ref w3, k)) * xv;
                    }

                    (acc0 + Vector512.Create(bias[r])).StoreUnsafe(ref zRef, (nuint)((r * m) + j));
                    (acc1 + Vector512.Create(bias[r + 1])).StoreUnsafe(ref zRef, (nuint)(((r + 1) * m) + j));
                    (acc2 + Vector512.Create(bias[r + 2])).StoreUnsafe(ref zRef, (nuint)(((r + 2) * m) + j));
                    (acc3 + Vector512.Create(bias[r + 3])).StoreUnsafe(ref zRef, (nuint)(((r + 3) * m) + j));
                }

                for (; r < o; r++)
                {
                    ReadOnlySpan<T> wr = w.Slice(r * i, i);
                    Vector512<T> acc = Vector512.Create(wr[0]) * Load(x, j);
                    for (int k = 1; k < i; k++)
                    {
                        acc += Vector512.Create(wr[k]) * Load(x, (k * m) + j);
                    }

                    Store(acc + Vector512.Create(bias[r]), z, (r * m) + j);
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
            int k = 0;
            if (Vector512.IsHardwareAccelerated && m >= Vector512<T>.Count)
            {
                for (; k <= i - 4; k += 4)
                {
                    Dot4(dzr, input.Row(k), input.Row(k + 1), input.Row(k + 2), input.Row(k + 3), out T d0, out T d1, out T d2, out T d3);
                    dw[(r * i) + k] = scale * d0;
                    dw[(r * i) + k + 1] = scale * d1;
                    dw[(r * i) + k + 2] = scale * d2;
                    dw[(r * i) + k + 3] = scale * d3;
                }
            }

            for (; k < i; k++)
            {
                dw[(r * i) + k] = scale * Dot(dzr, input.Row(k));
            }
        }
    }

    /// <summary>
    /// <see cref="Dot{T}"/> of <paramref name="a"/> with four vectors at once, sharing the loads of
    /// <paramref name="a"/>; each result is bit-identical to its own <see cref="Dot{T}"/> (same partial sums, same
    /// order). Requires a vector-accelerated machine and n ≥ one vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b0, ReadOnlySpan<T> b1, ReadOnlySpan<T> b2, ReadOnlySpan<T> b3, out T d0, out T d1, out T d2, out T d3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Length;
        if (b0.Length != n || b1.Length != n || b2.Length != n || b3.Length != n)
        {
            throw new ArgumentException("Dot4: lengths differ.");
        }

        int width = Vector512<T>.Count;
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T r0 = ref MemoryMarshal.GetReference(b0);
        ref T r1 = ref MemoryMarshal.GetReference(b1);
        ref T r2 = ref MemoryMarshal.GetReference(b2);
        ref T r3 = ref MemoryMarshal.GetReference(b3);
        Vector512<T> s00 = Vector512<T>.Zero, s01 = Vector512<T>.Zero, s02 = Vector512<T>.Zero, s03 = Vector512<T>.Zero;
        Vector512<T> s10 = Vector512<T>.Zero, s11 = Vector512<T>.Zero, s12 = Vector512<T>.Zero, s13 = Vector512<T>.Zero;
        Vector512<T> s20 = Vector512<T>.Zero, s21 = Vector512<T>.Zero, s22 = Vector512<T>.Zero, s23 = Vector512<T>.Zero;
        Vector512<T> s30 = Vector512<T>.Zero, s31 = Vector512<T>.Zero, s32 = Vector512<T>.Zero, s33 = Vector512<T>.Zero;
        int j = 0;
        for (; j <= n - (4 * width); j += 4 * width)
        {
            nuint at0 = (nuint)j, at1 = (nuint)(j + width), at2 = (nuint)(j + (2 * width)), at3 = (nuint)(j + (3 * width));
            Vector512<T> a0 = Vector512.LoadUnsafe(ref ar, at0), a1 = Vector512.LoadUnsafe(ref ar, at1);
            Vector512<T> a2 = Vector512.LoadUnsafe(ref ar, at2), a3 = Vector512.LoadUnsafe(ref ar, at3);
            s00 += a0 * Vector512.LoadUnsafe(ref r0, at0);
            s01 += a1 * Vector512.LoadUnsafe(ref r0, at1);
            s02 += a2 * Vector512.LoadUnsafe(ref r0, at2);
            s03 += a3 * Vector512.LoadUnsafe(ref r0, at3);
            s10 += a0 * Vector512.LoadUnsafe(ref r1, at0);
            s11 += a1 * Vector512.LoadUnsafe(ref r1, at1);
            s12 += a2 * Vector512.LoadUnsafe(ref r1, at2);
            s13 += a3 * Vector512.LoadUnsafe(ref r1, at3);
            s20 += a0 * Vector512.LoadUnsafe(ref r2, at0);
            s21 += a1 * Vector512.LoadUnsafe(ref r2, at1);
            s22 += a2 * Vector512.LoadUnsafe(ref r2, at2);
            s23 += a3 * Vector512.LoadUnsafe(ref r2, at3);
            s30 += a0 * Vector512.LoadUnsafe(ref r3, at0);
            s31 += a1 * Vector512.LoadUnsafe(ref r3, at1);
            s32 += a2 * Vector512.LoadUnsafe(ref r3, at2);
            s33 += a3 * Vector512.LoadUnsafe(ref r3, at3);
        }

        for (; j <= n - width; j += width)
        {
            Vector512<T> av = Vector512.LoadUnsafe(ref ar, (nuint)j);
            s00 += av * Vector512.LoadUnsafe(ref r0, (nuint)j);
            s10 += av * Vector512.LoadUnsafe(ref r1, (nuint)j);
            s20 += av * Vector512.LoadUnsafe(ref r2, (nuint)j);
            s30 += av * Vector512.LoadUnsafe(ref r3, (nuint)j);
        }

        d0 = Vector512.Sum((s00 + s01) + (s02 + s03));
        d1 = Vector512.Sum((s10 + s11) + (s12 + s13));
        d2 = Vector512.Sum((s20 + s21) + (s22 + s23));
        d3 = Vector512.Sum((s30 + s31) + (s32 + s33));
        for (; j < n; j++)
        {
            T aj = a[j];
            d0 += aj * b0[j];
            d1 += aj * b1[j];
            d2 += aj * b2[j];
            d3 += aj * b3[j];
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
            // Four input rows share each load of dZ; every dXₖⱼ is still summed in r order.
            ref T wRef = ref MemoryMarshal.GetReference(w);
            ref T dzRef = ref MemoryMarshal.GetReference(dz);
            ref T dxRef = ref MemoryMarshal.GetReference(dx);
            for (; j <= m - width; j += width)
            {
                int k = 0;
                for (; k <= i - 4; k += 4)
                {
                    ref T wk = ref Unsafe.Add(ref wRef, k);
                    Vector512<T> dzv = Vector512.LoadUnsafe(ref dzRef, (nuint)j);
                    Vector512<T> acc0 = Vector512.Create(wk) * dzv;
                    Vector512<T> acc1 = Vector512.Create(Unsafe.Add(ref wk, 1)) * dzv;
                    Vector512<T> acc2 = Vector512.Create(Unsafe.Add(ref wk, 2)) * dzv;
                    Vector512<T> acc3 = Vector512.Create(Unsafe.Add(ref wk, 3)) * dzv;
                    for (int r = 1; r < o; r++)
                    {
                        ref T wrk = ref Unsafe.Add(ref wk, r * i);
                        dzv = Vector512.LoadUnsafe(ref dzRef, (nuint)((r * m) + j));
                        acc0 += Vector512.Create(wrk) * dzv;
                        acc1 += Vector512.Create(Unsafe.Add(ref wrk, 1)) * dzv;
                        acc2 += Vector512.Create(Unsafe.Add(ref wrk, 2)) * dzv;
                        acc3 += Vector512.Create(Unsafe.Add(ref wrk, 3)) * dzv;
                    }

                    acc0.StoreUnsafe(ref dxRef, (nuint)((k * m) + j));
                    acc1.StoreUnsafe(ref dxRef, (nuint)(((k + 1) * m) + j));
                    acc2.StoreUnsafe(ref dxRef, (nuint)(((k + 2) * m) + j));
                    acc3.StoreUnsafe(ref dxRef, (nuint)(((k + 3) * m) + j));
                }

                for (; k < i; k++)
                {
                    Vector512<T> acc = Vector512.Create(w[k]) * Load(dz, j);
                    for (int r = 1; r < o; r++)
                    {
                        acc += Vector512.Create(w[(r * i) + k]) * Load(dz, (r * m) + j);
                    }

                    Store(acc, dx, (k * m) + j);
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
            Vector512<T> s0 = Vector512<T>.Zero, s1 = Vector512<T>.Zero, s2 = Vector512<T>.Zero, s3 = Vector512<T>.Zero;
            for (; j <= n - (4 * width); j += 4 * width)
            {
                s0 += Load(a, j) * Load(b, j);
                s1 += Load(a, j + width) * Load(b, j + width);
                s2 += Load(a, j + (2 * width)) * Load(b, j + (2 * width));
                s3 += Load(a, j + (3 * width)) * Load(b, j + (3 * width));
            }

            for (; j <= n - width; j += width)
            {
                s0 += Load(a, j) * Load(b, j);
            }

            sum = Vector512.Sum((s0 + s1) + (s2 + s3));
        }

        for (; j < n; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Load<T>(ReadOnlySpan<T> source, int offset)
        where T : unmanaged => Vector512.LoadUnsafe(ref Unsafe.AsRef(in source[offset]));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector512<T> value, Span<T> destination, int offset)
        where T : unmanaged => value.StoreUnsafe(ref destination[offset]);

    private static void CheckShapes(bool ok, string kernel)
    {
        if (!ok)
        {
            throw new ArgumentException($"{kernel}: matrix shapes do not agree.");
        }
    }
}
