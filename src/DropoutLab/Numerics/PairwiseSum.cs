using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DropoutLab.Numerics;

/// <summary>
/// Summation in numpy's order (<c>pairwise_sum</c> in numpy's loops): below 8 terms a plain left-to-right sum;
/// up to 128 terms eight interleaved partial sums r₀..r₇ combined as ((r₀+r₁)+(r₂+r₃))+((r₄+r₅)+(r₆+r₇)),
/// then the remainder; above 128 the halves [0, h) and [h, n) with h = ⌊n/2⌋ rounded down to a multiple of 8.
/// Rounding error grows as O(log n) instead of O(n), and the result equals <c>np.sum</c> bit for bit.
/// </summary>
public static class PairwiseSum
{
    private const int BlockSize = 128;

    /// <summary>Σ xᵢ in numpy's pairwise order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Sum<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
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
            return Block(values);
        }

        int half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    // Eight interleaved partial sums rₖ = Σ x₈ᵢ₊ₖ: one 8-lane vector when T has an 8-lane vector type, which
    // performs exactly the same additions in the same order as the scalar form.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Block<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = values.Length;
        int whole = n - (n % 8);
        Span<T> r = stackalloc T[8];
        if (Vector512.IsHardwareAccelerated && Vector512<T>.Count == 8)
        {
            Vector512<T> acc = Vector512.Create(values[..8]);
            for (int i = 8; i < whole; i += 8)
            {
                acc += Vector512.Create(values.Slice(i, 8));
            }

            acc.CopyTo(r);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.Count == 8)
        {
            Vector256<T> acc = Vector256.Create(values[..8]);
            for (int i = 8; i < whole; i += 8)
            {
                acc += Vector256.Create(values.Slice(i, 8));
            }

            acc.CopyTo(r);
        }
        else
        {
            values[..8].CopyTo(r);
            for (int i = 8; i < whole; i += 8)
            {
                for (int k = 0; k < 8; k++)
                {
                    r[k] += values[i + k];
                }
            }
        }

        T result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (int i = whole; i < n; i++)
        {
            result += values[i];
        }

        return result;
    }

    /// <summary>Σ xᵢ with NaN terms counted as zero (numpy's <c>nansum</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T NanSum<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
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
