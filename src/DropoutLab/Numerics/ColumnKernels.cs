using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics;

// Dimension key (activations are features × examples, one column per example):
//   o = output units, i = input units, m = examples (columns)
//   W : o × i    X : i × m    Z, dZ : o × m    dW : o × i    dX : i × m    b : o
//
// Affine and InputGradient vectorise across examples, the contiguous axis: each output element is one sum in k (or r)
// order, the same sequence of IEEE operations at every register width. WeightGradient's sums over examples use
// ColumnKernels.Partials interleaved partial sums whatever the width (see Dot). The plain reference version of each
// kernel sits in ColumnKernelsReference and the tests hold them together.

/// <summary>The three products a dense layer needs in the features × examples layout.</summary>
internal static class ColumnKernels
{
    /// <summary>
    /// The number of interleaved partial sums of every dot product: sₗ = Σ_q aₗ₊₁₆q·bₗ₊₁₆q for l &lt; 16, two
    /// 512-bit registers of doubles, four of 256 bits, eight of 128, or sixteen scalars — a fixed order, so the result
    /// does not depend on the hardware.
    /// </summary>
    internal const int Partials = 16;

    /// <summary>Z = W·X + b (b broadcast across examples). Each Zᵣⱼ = (Σₖ Wᵣₖ·Xₖⱼ) + bᵣ, summed in k order.</summary>
    public static void Affine<T>(Matrix<T> weights, Matrix<T> input, ReadOnlySpan<T> bias, Matrix<T> output)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            int o = weights.Rows, i = weights.Columns, m = input.Columns;
            CheckShapes(input.Rows == i && output.Rows == o && output.Columns == m && bias.Length == o, "Affine");
            PlainLoops.Affine(AsDouble(weights.Data), AsDouble(input.Data), PlainLoops.AsDouble(bias), AsDouble(output.Data), o, i, m);
            return;
        }

        Affine(weights, input, bias, output, SimdWidths.Best);
    }

    internal static void Affine<T>(Matrix<T> weights, Matrix<T> input, ReadOnlySpan<T> bias, Matrix<T> output, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
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

        var body = new AffineColumns<T>(weights.Data, input.Data, bias, output.Data, o, i, m);
        SimdDriver.Run<T, AffineColumns<T>>(m, ref body, width);
    }

    /// <summary>dW = scale·(dZ·Xᵀ): dWᵣₖ = scale·Σⱼ dZᵣⱼ·Xₖⱼ, each sum as in <see cref="Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</summary>
    public static void WeightGradient<T>(Matrix<T> outputGradient, Matrix<T> input, T scale, Matrix<T> weightGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            int o = outputGradient.Rows, m = outputGradient.Columns, i = input.Rows;
            CheckShapes(input.Columns == m && weightGradient.Rows == o && weightGradient.Columns == i, "WeightGradient");
            PlainLoops.WeightGradient(AsDouble(outputGradient.Data), AsDouble(input.Data), PlainLoops.AsDouble(scale), AsDouble(weightGradient.Data), o, i, m);
            return;
        }

        WeightGradient(outputGradient, input, scale, weightGradient, SimdWidths.Best);
    }

    internal static void WeightGradient<T>(Matrix<T> outputGradient, Matrix<T> input, T scale, Matrix<T> weightGradient, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int o = outputGradient.Rows, m = outputGradient.Columns, i = input.Rows;
        CheckShapes(input.Columns == m && weightGradient.Rows == o && weightGradient.Columns == i, "WeightGradient");
        switch (PartialsWidth<T>(width))
        {
            case SimdWidth.Vector512:
                WeightGradient<T, Simd512<T>>(outputGradient, input, scale, weightGradient);
                break;
            case SimdWidth.Vector256:
                WeightGradient<T, Simd256<T>>(outputGradient, input, scale, weightGradient);
                break;
            case SimdWidth.Vector128:
                WeightGradient<T, Simd128<T>>(outputGradient, input, scale, weightGradient);
                break;
            default:
                WeightGradient<T, Scalar<T>>(outputGradient, input, scale, weightGradient);
                break;
        }
    }

    /// <summary>db = scale·(dZ·1): dbᵣ = scale·Σⱼ dZᵣⱼ, summed in numpy's pairwise order.</summary>
    public static void BiasGradient<T>(Matrix<T> outputGradient, T scale, Span<T> biasGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(biasGradient.Length == outputGradient.Rows, "BiasGradient");
        for (int r = 0; r < outputGradient.Rows; r++)
        {
            biasGradient[r] = scale * PairwiseSum.Sum<T>(outputGradient.Row(r));
        }
    }

    /// <summary>dX = Wᵀ·dZ: dXₖⱼ = Σᵣ Wᵣₖ·dZᵣⱼ, summed in r order.</summary>
    public static void InputGradient<T>(Matrix<T> weights, Matrix<T> outputGradient, Matrix<T> inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            int o = weights.Rows, i = weights.Columns, m = outputGradient.Columns;
            CheckShapes(outputGradient.Rows == o && inputGradient.Rows == i && inputGradient.Columns == m, "InputGradient");
            PlainLoops.InputGradient(AsDouble(weights.Data), AsDouble(outputGradient.Data), AsDouble(inputGradient.Data), o, i, m);
            return;
        }

        InputGradient(weights, outputGradient, inputGradient, SimdWidths.Best);
    }

    internal static void InputGradient<T>(Matrix<T> weights, Matrix<T> outputGradient, Matrix<T> inputGradient, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int o = weights.Rows, i = weights.Columns, m = outputGradient.Columns;
        CheckShapes(outputGradient.Rows == o && inputGradient.Rows == i && inputGradient.Columns == m, "InputGradient");
        if (o == 0)
        {
            inputGradient.Fill(T.Zero);
            return;
        }

        var body = new InputGradientColumns<T>(weights.Data, outputGradient.Data, inputGradient.Data, o, i, m);
        SimdDriver.Run<T, InputGradientColumns<T>>(m, ref body, width);
    }

    /// <summary>
    /// Σⱼ aⱼ·bⱼ in a fixed order: the <see cref="Partials"/> = 16 interleaved partial sums sₗ over whole blocks of 16,
    /// folded in halves (sₗ + sₗ₊₈, then + ₄, + ₂, + ₁), then the last n mod 16 products added in order.
    /// </summary>
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            double dot = PlainLoops.Dot(PlainLoops.AsDouble(a), PlainLoops.AsDouble(b));
            return Unsafe.As<double, T>(ref dot);
        }

        return Dot(a, b, SimdWidths.Best);
    }

    internal static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Dot: lengths differ ({a.Length}, {b.Length}).", nameof(b));
        }

        Span<T> result = stackalloc T[1];
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        switch (PartialsWidth<T>(width))
        {
            case SimdWidth.Vector512:
                Dots<T, Simd512<T>>(ref ar, ref br, 1, 0, a.Length, result);
                break;
            case SimdWidth.Vector256:
                Dots<T, Simd256<T>>(ref ar, ref br, 1, 0, a.Length, result);
                break;
            case SimdWidth.Vector128:
                Dots<T, Simd128<T>>(ref ar, ref br, 1, 0, a.Length, result);
                break;
            default:
                Dots<T, Scalar<T>>(ref ar, ref br, 1, 0, a.Length, result);
                break;
        }

        return result[0];
    }

    // The widest width whose registers tile the 16 partial sums (a 512-bit register holds 16 floats, 8 doubles).
    private static SimdWidth PartialsWidth<T>(SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => width == SimdWidth.Vector512 && Simd512<T>.Count > Partials ? SimdWidth.Vector256 : width;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void WeightGradient<T, TV>(Matrix<T> outputGradient, Matrix<T> input, T scale, Matrix<T> weightGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TV : unmanaged, IVector<TV, T>
    {
        int o = outputGradient.Rows, m = outputGradient.Columns, i = input.Rows;
        int rowsPerPass = RowsPerPass<T, TV>();
        ref T dz = ref MemoryMarshal.GetArrayDataReference(outputGradient.Data);
        ref T x = ref MemoryMarshal.GetArrayDataReference(input.Data);
        Span<T> dots = stackalloc T[8];
        Span<T> dw = weightGradient.Data;
        if (o >= i)
        {
            // Each row of dZ is read once, against passes of up to rowsPerPass rows of X.
            for (int r = 0; r < o; r++)
            {
                ref T dzr = ref Unsafe.Add(ref dz, r * m);
                for (int k = 0; k < i; k += rowsPerPass)
                {
                    int count = Math.Min(rowsPerPass, i - k);
                    Dots<T, TV>(ref dzr, ref Unsafe.Add(ref x, k * m), count, m, m, dots);
                    for (int q = 0; q < count; q++)
                    {
                        dw[(r * i) + k + q] = scale * dots[q];
                    }
                }
            }

            return;
        }

        // Fewer outputs than inputs: each row of X is read once, against passes over the rows of dZ. Xₖⱼ·dZᵣⱼ is
        // dZᵣⱼ·Xₖⱼ exactly, so the sums are the same bits.
        for (int k = 0; k < i; k++)
        {
            ref T xk = ref Unsafe.Add(ref x, k * m);
            for (int r = 0; r < o; r += rowsPerPass)
            {
                int count = Math.Min(rowsPerPass, o - r);
                Dots<T, TV>(ref xk, ref Unsafe.Add(ref dz, r * m), count, m, m, dots);
                for (int q = 0; q < count; q++)
                {
                    dw[((r + q) * i) + k] = scale * dots[q];
                }
            }
        }
    }

    // Rows of b per pass: as many as eight accumulator registers hold (16 partial sums need 16 / TV.Count of them).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowsPerPass<T, TV>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TV : unmanaged, IVector<TV, T>
        => TV.Count == 1 ? 1 : Math.Max(1, 8 / (Partials / TV.Count));

    /// <summary>
    /// resultsₚ = Σⱼ aⱼ·bₚⱼ for p &lt; count, with bₚ starting at b + p·stride; the loads of a are shared. Each sum is
    /// exactly <see cref="Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>'s: row p's 16 partial sums live in registers
    /// sₚ·G … sₚ·G₊G₋₁ (G = 16 / TV.Count), folded in halves, then the tail is added in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SkipLocalsInit]
    private static void Dots<T, TV>(ref T a, ref T b, int count, int stride, int n, Span<T> results)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TV : unmanaged, IVector<TV, T>
    {
        int whole = n - (n % Partials);
        if (TV.Count == 1)
        {
            // Sixteen scalar partial sums: the reference loop is this width's kernel.
            for (int p = 0; p < count; p++)
            {
                results[p] = ColumnKernelsReference.Dot<T>(
                    MemoryMarshal.CreateReadOnlySpan(ref a, n), MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b, p * stride), n));
            }

            return;
        }

        // G registers per row (a JIT-time constant), R = count ≤ 8 / G rows: accumulator q belongs to row q / G and
        // holds lanes (q mod G)·Count … of that row's 16 partial sums.
        int lanes = TV.Count;
        int g = Partials / lanes;
        int used = count * g;
        TV s0 = TV.Zero, s1 = TV.Zero, s2 = TV.Zero, s3 = TV.Zero, s4 = TV.Zero, s5 = TV.Zero, s6 = TV.Zero, s7 = TV.Zero;
        for (int j = 0; j < whole; j += Partials)
        {
            s0 += Product<T, TV>(ref a, ref b, stride, j, 0, g, lanes);
            if (used > 1)
            {
                s1 += Product<T, TV>(ref a, ref b, stride, j, 1, g, lanes);
            }

            if (used > 2)
            {
                s2 += Product<T, TV>(ref a, ref b, stride, j, 2, g, lanes);
            }

            if (used > 3)
            {
                s3 += Product<T, TV>(ref a, ref b, stride, j, 3, g, lanes);
            }

            if (used > 4)
            {
                s4 += Product<T, TV>(ref a, ref b, stride, j, 4, g, lanes);
            }

            if (used > 5)
            {
                s5 += Product<T, TV>(ref a, ref b, stride, j, 5, g, lanes);
            }

            if (used > 6)
            {
                s6 += Product<T, TV>(ref a, ref b, stride, j, 6, g, lanes);
            }

            if (used > 7)
            {
                s7 += Product<T, TV>(ref a, ref b, stride, j, 7, g, lanes);
            }
        }

        // Each row's registers folded in halves at register level (register q with q + G/2, …); rows past count
        // fold zeros and are ignored.
        TV r0, r1 = TV.Zero, r2 = TV.Zero, r3 = TV.Zero, r4 = TV.Zero, r5 = TV.Zero, r6 = TV.Zero, r7 = TV.Zero;
        if (g == 1)
        {
            (r0, r1, r2, r3, r4, r5, r6, r7) = (s0, s1, s2, s3, s4, s5, s6, s7);
        }
        else if (g == 2)
        {
            (r0, r1, r2, r3) = (s0 + s1, s2 + s3, s4 + s5, s6 + s7);
        }
        else if (g == 4)
        {
            (r0, r1) = ((s0 + s2) + (s1 + s3), (s4 + s6) + (s5 + s7));
        }
        else
        {
            r0 = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
        }

        for (int p = 0; p < count; p++)
        {
            TV row = p switch { 0 => r0, 1 => r1, 2 => r2, 3 => r3, 4 => r4, 5 => r5, 6 => r6, _ => r7 };
            T sum = TV.ReduceHalves(row);
            ref T bp = ref Unsafe.Add(ref b, p * stride);
            for (int j = whole; j < n; j++)
            {
                sum += Unsafe.Add(ref a, j) * Unsafe.Add(ref bp, j);
            }

            results[p] = sum;
        }
    }

    // Accumulator q's product for the block at j: a[j + (q mod G)·Count …] · b_{q / G}[same lanes].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Product<T, TV>(ref T a, ref T b, int stride, int j, int q, int g, int lanes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TV : unmanaged, IVector<TV, T>
    {
        nuint at = (nuint)(j + ((q % g) * lanes));
        return TV.Load(in a, at) * TV.Load(in Unsafe.Add(ref b, (q / g) * stride), at);
    }

    // The same array seen as double[] (only called when T is double).
    private static double[] AsDouble<T>(T[] data)
        where T : unmanaged
        => (double[])(object)data;

    private static void CheckShapes(bool ok, string kernel)
    {
        if (!ok)
        {
            throw new ArgumentException($"{kernel}: matrix shapes do not agree.");
        }
    }

    // Columns [j, j + TV.Count) of Z = W·X + b: rows in blocks of four share each load of X.
    private readonly ref struct AffineColumns<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> input, ReadOnlySpan<T> bias, Span<T> output, int o, int i, int m) : IVectorBody<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref T _w = ref MemoryMarshal.GetReference(weights);
        private readonly ref T _x = ref MemoryMarshal.GetReference(input);
        private readonly ref T _b = ref MemoryMarshal.GetReference(bias);
        private readonly ref T _z = ref MemoryMarshal.GetReference(output);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TV>(nuint j)
            where TV : unmanaged, IVector<TV, T>
        {
            // Locals, so that the stores into Z cannot be taken to alias the body's fields.
            ref T w = ref _w, x = ref _x, b = ref _b, z = ref _z;
            int rows = o, depth = i;
            nuint stride = (nuint)m;
            int r = 0;
            for (; r <= rows - 4; r += 4)
            {
                ref T w0 = ref Unsafe.Add(ref w, r * depth);
                ref T w1 = ref Unsafe.Add(ref w0, depth);
                ref T w2 = ref Unsafe.Add(ref w1, depth);
                ref T w3 = ref Unsafe.Add(ref w2, depth);
                TV xv = TV.Load(in x, j);
                TV acc0 = TV.Create(w0) * xv;
                TV acc1 = TV.Create(w1) * xv;
                TV acc2 = TV.Create(w2) * xv;
                TV acc3 = TV.Create(w3) * xv;
                for (int k = 1; k < depth; k++)
                {
                    xv = TV.Load(in x, ((nuint)k * stride) + j);
                    acc0 += TV.Create(Unsafe.Add(ref w0, k)) * xv;
                    acc1 += TV.Create(Unsafe.Add(ref w1, k)) * xv;
                    acc2 += TV.Create(Unsafe.Add(ref w2, k)) * xv;
                    acc3 += TV.Create(Unsafe.Add(ref w3, k)) * xv;
                }

                nuint at = ((nuint)r * stride) + j;
                TV.Store(acc0 + TV.Create(Unsafe.Add(ref b, r)), ref z, at);
                TV.Store(acc1 + TV.Create(Unsafe.Add(ref b, r + 1)), ref z, at + stride);
                TV.Store(acc2 + TV.Create(Unsafe.Add(ref b, r + 2)), ref z, at + (2 * stride));
                TV.Store(acc3 + TV.Create(Unsafe.Add(ref b, r + 3)), ref z, at + (3 * stride));
            }

            int left = rows - r;
            if (left > 0)
            {
                // The last one to three rows as one block, again sharing each load of X.
                ref T w0 = ref Unsafe.Add(ref w, r * depth);
                ref T w1 = ref Unsafe.Add(ref w0, left > 1 ? depth : 0);
                ref T w2 = ref Unsafe.Add(ref w0, left > 2 ? 2 * depth : 0);
                TV xv = TV.Load(in x, j);
                TV acc0 = TV.Create(w0) * xv;
                TV acc1 = TV.Create(w1) * xv;
                TV acc2 = TV.Create(w2) * xv;
                for (int k = 1; k < depth; k++)
                {
                    xv = TV.Load(in x, ((nuint)k * stride) + j);
                    acc0 += TV.Create(Unsafe.Add(ref w0, k)) * xv;
                    acc1 += TV.Create(Unsafe.Add(ref w1, k)) * xv;
                    acc2 += TV.Create(Unsafe.Add(ref w2, k)) * xv;
                }

                nuint at = ((nuint)r * stride) + j;
                TV.Store(acc0 + TV.Create(Unsafe.Add(ref b, r)), ref z, at);
                if (left > 1)
                {
                    TV.Store(acc1 + TV.Create(Unsafe.Add(ref b, r + 1)), ref z, at + stride);
                }

                if (left > 2)
                {
                    TV.Store(acc2 + TV.Create(Unsafe.Add(ref b, r + 2)), ref z, at + (2 * stride));
                }
            }
        }
    }

    // Columns [j, j + TV.Count) of dX = Wᵀ·dZ: input rows in blocks of four share each load of dZ.
    private readonly ref struct InputGradientColumns<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> outputGradient, Span<T> inputGradient, int o, int i, int m) : IVectorBody<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref T _w = ref MemoryMarshal.GetReference(weights);
        private readonly ref T _dz = ref MemoryMarshal.GetReference(outputGradient);
        private readonly ref T _dx = ref MemoryMarshal.GetReference(inputGradient);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TV>(nuint j)
            where TV : unmanaged, IVector<TV, T>
        {
            ref T w = ref _w, dz = ref _dz, dx = ref _dx;
            int rows = o, depth = i;
            nuint stride = (nuint)m;
            int k = 0;
            for (; k <= depth - 4; k += 4)
            {
                ref T wk = ref Unsafe.Add(ref w, k);
                TV dzv = TV.Load(in dz, j);
                TV acc0 = TV.Create(wk) * dzv;
                TV acc1 = TV.Create(Unsafe.Add(ref wk, 1)) * dzv;
                TV acc2 = TV.Create(Unsafe.Add(ref wk, 2)) * dzv;
                TV acc3 = TV.Create(Unsafe.Add(ref wk, 3)) * dzv;
                for (int r = 1; r < rows; r++)
                {
                    ref T wrk = ref Unsafe.Add(ref wk, r * depth);
                    dzv = TV.Load(in dz, ((nuint)r * stride) + j);
                    acc0 += TV.Create(wrk) * dzv;
                    acc1 += TV.Create(Unsafe.Add(ref wrk, 1)) * dzv;
                    acc2 += TV.Create(Unsafe.Add(ref wrk, 2)) * dzv;
                    acc3 += TV.Create(Unsafe.Add(ref wrk, 3)) * dzv;
                }

                nuint at = ((nuint)k * stride) + j;
                TV.Store(acc0, ref dx, at);
                TV.Store(acc1, ref dx, at + stride);
                TV.Store(acc2, ref dx, at + (2 * stride));
                TV.Store(acc3, ref dx, at + (3 * stride));
            }

            for (; k < depth; k++)
            {
                TV acc = TV.Create(Unsafe.Add(ref w, k)) * TV.Load(in dz, j);
                for (int r = 1; r < rows; r++)
                {
                    acc += TV.Create(Unsafe.Add(ref w, (r * depth) + k)) * TV.Load(in dz, ((nuint)r * stride) + j);
                }

                TV.Store(acc, ref dx, ((nuint)k * stride) + j);
            }
        }
    }
}
