using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics;

/// <summary>
/// Summation in numpy's order (<c>pairwise_sum</c> in numpy's loops): below 8 terms a plain left-to-right sum;
/// up to 128 terms eight interleaved partial sums r₀..r₇ combined as ((r₀+r₁)+(r₂+r₃))+((r₄+r₅)+(r₆+r₇)),
/// then the remainder; above 128 the halves [0, h) and [h, n) with h = ⌊n/2⌋ rounded down to a multiple of 8.
/// Rounding error grows as O(log n) instead of O(n), and the result equals <c>np.sum</c> bit for bit.
/// </summary>
internal static class PairwiseSum
{
    private const int BlockSize = 128;

    /// <summary>Σ xᵢ in numpy's pairwise order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Sum<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            double sum = PlainLoops.PairwiseSum(PlainLoops.AsDouble(values));
            return Unsafe.As<double, T>(ref sum);
        }

        return Sum(values, SimdWidths.Best);
    }

    /// <summary>Σ xᵢ in numpy's pairwise order, the blocks at the given register width (the same bits at every width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static T Sum<T>(ReadOnlySpan<T> values, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = values.Length;
        if (n < 8)
        {
            T sum = T.Zero;
            for (int i = 0; i < n; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        if (n <= BlockSize)
        {
            return Block(values, width);
        }

        int half = n / 2;
        half -= half % 8;
        return Sum(values[..half], width) + Sum(values[half..], width);
    }

    // Eight interleaved partial sums rₖ = Σ x₈ᵢ₊ₖ held in 8 / TV.Count registers (one 512-bit register of doubles,
    // one 256-bit register of floats, ..., eight scalars): the same additions in the same order at every width.
    private static T Block<T>(ReadOnlySpan<T> values, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (width == SimdWidth.Vector512 && Simd512<T>.Count > 8)
        {
            width = SimdWidth.Vector256;
        }

        ref T start = ref MemoryMarshal.GetReference(values);
        return width switch
        {
            SimdWidth.Vector512 => Block<T, Simd512<T>>(ref start, values.Length),
            SimdWidth.Vector256 => Block<T, Simd256<T>>(ref start, values.Length),
            SimdWidth.Vector128 => Block<T, Simd128<T>>(ref start, values.Length),
            _ => Block<T, Scalar<T>>(ref start, values.Length),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static T Block<T, TV>(ref T values, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TV : unmanaged, IVector<TV, T>
    {
        int whole = n - (n % 8);
        Span<T> r = stackalloc T[8];
        if (TV.Count == 1)
        {
            MemoryMarshal.CreateReadOnlySpan(ref values, 8).CopyTo(r);
            for (int i = 8; i < whole; i += 8)
            {
                for (int k = 0; k < 8; k++)
                {
                    r[k] += Unsafe.Add(ref values, i + k);
                }
            }
        }
        else
        {
            // 8 / Count registers (a JIT-time constant: one, two or four) hold r₀ … r₇.
            nuint lanes = (nuint)TV.Count;
            TV a0 = TV.Load(in values, 0), a1 = TV.Zero, a2 = TV.Zero, a3 = TV.Zero;
            if (lanes <= 4)
            {
                a1 = TV.Load(in values, lanes);
            }

            if (lanes <= 2)
            {
                a2 = TV.Load(in values, 2 * lanes);
                a3 = TV.Load(in values, 3 * lanes);
            }

            for (nuint i = 8; i < (nuint)whole; i += 8)
            {
                a0 += TV.Load(in values, i);
                if (lanes <= 4)
                {
                    a1 += TV.Load(in values, i + lanes);
                }

                if (lanes <= 2)
                {
                    a2 += TV.Load(in values, i + (2 * lanes));
                    a3 += TV.Load(in values, i + (3 * lanes));
                }
            }

            TV.Store(a0, ref r[0], 0);
            if (lanes <= 4)
            {
                TV.Store(a1, ref r[0], lanes);
            }

            if (lanes <= 2)
            {
                TV.Store(a2, ref r[0], 2 * lanes);
                TV.Store(a3, ref r[0], 3 * lanes);
            }
        }

        T result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (int i = whole; i < n; i++)
        {
            result += Unsafe.Add(ref values, i);
        }

        return result;
    }

    /// <summary>Σ xᵢ with NaN terms counted as zero (numpy's <c>nansum</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T NanSum<T>(Span<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (T.IsNaN(values[i]))
            {
                values[i] = T.Zero;
            }
        }

        return Sum<T>(values);
    }
}
