using System.Numerics;
using System.Runtime.CompilerServices;

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
            T r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            T r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8)
            {
                r0 += values[i];
                r1 += values[i + 1];
                r2 += values[i + 2];
                r3 += values[i + 3];
                r4 += values[i + 4];
                r5 += values[i + 5];
                r6 += values[i + 6];
                r7 += values[i + 7];
            }

            T result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                result += values[i];
            }

            return result;
        }

        int half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
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
