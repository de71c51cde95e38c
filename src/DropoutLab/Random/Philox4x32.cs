using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DropoutLab.Random;

/// <summary>
/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3" (SC 2011): a pure bijection of a
/// 128-bit counter under a 64-bit key. Each of the ten rounds maps
/// (x0, x1, x2, x3) to (hi(M1·x2) ⊕ x1 ⊕ k0, lo(M1·x2), hi(M0·x0) ⊕ x3 ⊕ k1, lo(M0·x0)),
/// and between rounds the key advances by the Weyl constants (k0, k1) += (W0, W1).
/// Because output depends only on (key, counter), any element of a stream can be
/// computed directly, independent of order or thread.
/// </summary>
internal static class Philox4x32
{
    /// <summary>M0, the multiplier applied to x0.</summary>
    public const uint Multiplier0 = 0xD2511F53;

    /// <summary>M1, the multiplier applied to x2.</summary>
    public const uint Multiplier1 = 0xCD9E8D57;

    /// <summary>W0 = ⌊2^32 (φ − 1)⌋, the Weyl increment of k0.</summary>
    public const uint Weyl0 = 0x9E3779B9;

    /// <summary>W1 = ⌊2^32 (√3 − 1)⌋, the Weyl increment of k1.</summary>
    public const uint Weyl1 = 0xBB67AE85;

    /// <summary>The number of rounds; ten is the Crush-resistant standard.</summary>
    public const int Rounds = 10;

    /// <summary>Philox4x32-10 of one <paramref name="counter"/> under <paramref name="key"/>.</summary>
    public static Philox4x32Block Evaluate(Philox4x32Block counter, Philox4x32Key key)
    {
        uint x0 = counter.Word0, x1 = counter.Word1, x2 = counter.Word2, x3 = counter.Word3;
        uint k0 = key.Word0, k1 = key.Word1;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Weyl0;
                k1 += Weyl1;
            }

            ulong product0 = (ulong)Multiplier0 * x0;
            ulong product1 = (ulong)Multiplier1 * x2;
            uint next0 = (uint)(product1 >> 32) ^ x1 ^ k0;
            uint next2 = (uint)(product0 >> 32) ^ x3 ^ k1;
            x1 = (uint)product1;
            x3 = (uint)product0;
            x0 = next0;
            x2 = next2;
        }

        return new Philox4x32Block(x0, x1, x2, x3);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the words of blocks
    /// Evaluate(counterBase + i, key) for i = 0, 1, ...: word j of block i lands at 4i + j,
    /// and the last block is truncated if the length is not a multiple of four.
    /// Counters add as 128-bit integers (see <see cref="Philox4x32Block.Add"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(Philox4x32Key key, Philox4x32Block counterBase, Span<uint> destination)
    {
        int blockCount = (destination.Length + 3) / 4;
        int block = 0;
        Philox4x32Block counter = counterBase;
        ref uint output = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination);

        if (Avx512F.IsSupported)
        {
            for (; blockCount - block >= 16; block += 16, counter = counter.Add(16))
            {
                if (counter.Word0 > uint.MaxValue - 15)
                {
                    FillScalar(key, counter, destination.Slice(4 * block, 64));
                    continue;
                }

                Lanes512(counter, out var x0, out var x1, out var x2, out var x3);
                Rounds512(ref x0, ref x1, ref x2, ref x3, key);
                StoreInterleaved512(x0, x1, x2, x3, ref Unsafe.Add(ref output, 4 * block));
            }
        }
        else if (Avx2.IsSupported)
        {
            Span<uint> lanes = stackalloc uint[32];
            for (; blockCount - block >= 8; block += 8, counter = counter.Add(8))
            {
                if (counter.Word0 > uint.MaxValue - 7)
                {
                    FillScalar(key, counter, destination.Slice(4 * block, 32));
                    continue;
                }

                Lanes256(counter, out var x0, out var x1, out var x2, out var x3);
                Rounds256(ref x0, ref x1, ref x2, ref x3, key);
                x0.CopyTo(lanes);
                x1.CopyTo(lanes[8..]);
                x2.CopyTo(lanes[16..]);
                x3.CopyTo(lanes[24..]);
                Span<uint> target = destination.Slice(4 * block, 32);
                for (int lane = 0; lane < 8; lane++)
                {
                    target[4 * lane] = lanes[lane];
                    target[(4 * lane) + 1] = lanes[8 + lane];
                    target[(4 * lane) + 2] = lanes[16 + lane];
                    target[(4 * lane) + 3] = lanes[24 + lane];
                }
            }
        }

        FillScalar(key, counter, destination[(4 * block)..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillScalar(Philox4x32Key key, Philox4x32Block counter, Span<uint> destination)
    {
        for (int start = 0; start < destination.Length; start += 4, counter = counter.Add(1))
        {
            Philox4x32Block words = Evaluate(counter, key);
            int count = Math.Min(4, destination.Length - start);
            for (int j = 0; j < count; j++)
            {
                destination[start + j] = words[j];
            }
        }
    }

    /// <summary>Sixteen consecutive counters in structure-of-arrays form; requires Word0 + 15 not to wrap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Lanes512(
        Philox4x32Block counter,
        out Vector512<uint> x0,
        out Vector512<uint> x1,
        out Vector512<uint> x2,
        out Vector512<uint> x3)
    {
        x0 = Vector512.Create(counter.Word0) + Vector512<uint>.Indices;
        x1 = Vector512.Create(counter.Word1);
        x2 = Vector512.Create(counter.Word2);
        x3 = Vector512.Create(counter.Word3);
    }

    /// <summary>Eight consecutive counters in structure-of-arrays form; requires Word0 + 7 not to wrap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Lanes256(
        Philox4x32Block counter,
        out Vector256<uint> x0,
        out Vector256<uint> x1,
        out Vector256<uint> x2,
        out Vector256<uint> x3)
    {
        x0 = Vector256.Create(counter.Word0) + Vector256<uint>.Indices;
        x1 = Vector256.Create(counter.Word1);
        x2 = Vector256.Create(counter.Word2);
        x3 = Vector256.Create(counter.Word3);
    }

    /// <summary>Philox4x32-10 on sixteen counters at once, lane i holding counter i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Rounds512(
        ref Vector512<uint> x0,
        ref Vector512<uint> x1,
        ref Vector512<uint> x2,
        ref Vector512<uint> x3,
        Philox4x32Key key)
    {
        Vector512<uint> m0 = Vector512.Create(Multiplier0);
        Vector512<uint> m1 = Vector512.Create(Multiplier1);
        uint k0 = key.Word0, k1 = key.Word1;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Weyl0;
                k1 += Weyl1;
            }

            Vector512<uint> low0 = MultiplyHighLow512(x0, m0, out Vector512<uint> high0);
            Vector512<uint> low1 = MultiplyHighLow512(x2, m1, out Vector512<uint> high1);
            Vector512<uint> next0 = high1 ^ x1 ^ Vector512.Create(k0);
            Vector512<uint> next2 = high0 ^ x3 ^ Vector512.Create(k1);
            x1 = low1;
            x3 = low0;
            x0 = next0;
            x2 = next2;
        }
    }

    /// <summary>Philox4x32-10 on eight counters at once, lane i holding counter i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Rounds256(
        ref Vector256<uint> x0,
        ref Vector256<uint> x1,
        ref Vector256<uint> x2,
        ref Vector256<uint> x3,
        Philox4x32Key key)
    {
        Vector256<uint> m0 = Vector256.Create(Multiplier0);
        Vector256<uint> m1 = Vector256.Create(Multiplier1);
        uint k0 = key.Word0, k1 = key.Word1;
        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Weyl0;
                k1 += Weyl1;
            }

            Vector256<uint> low0 = MultiplyHighLow256(x0, m0, out Vector256<uint> high0);
            Vector256<uint> low1 = MultiplyHighLow256(x2, m1, out Vector256<uint> high1);
            Vector256<uint> next0 = high1 ^ x1 ^ Vector256.Create(k0);
            Vector256<uint> next2 = high0 ^ x3 ^ Vector256.Create(k1);
            x1 = low1;
            x3 = low0;
            x0 = next0;
            x2 = next2;
        }
    }

    /// <summary>Per lane, the 64-bit product a·m split into (high, low) 32-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> MultiplyHighLow512(Vector512<uint> a, Vector512<uint> m, out Vector512<uint> high)
    {
        Vector512<ulong> lowHalf = Vector512.Create(0x0000_0000_FFFF_FFFFUL);
        Vector512<ulong> even = Avx512F.Multiply(a, m);
        Vector512<ulong> odd = Avx512F.Multiply(Vector512.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32(), m);
        high = (Vector512.ShiftRightLogical(even, 32) | (odd & ~lowHalf)).AsUInt32();
        return ((even & lowHalf) | Vector512.ShiftLeft(odd, 32)).AsUInt32();
    }

    /// <summary>Per lane, the 64-bit product a·m split into (high, low) 32-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> MultiplyHighLow256(Vector256<uint> a, Vector256<uint> m, out Vector256<uint> high)
    {
        Vector256<ulong> lowHalf = Vector256.Create(0x0000_0000_FFFF_FFFFUL);
        Vector256<ulong> even = Avx2.Multiply(a, m);
        Vector256<ulong> odd = Avx2.Multiply(Vector256.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32(), m);
        high = (Vector256.ShiftRightLogical(even, 32) | (odd & ~lowHalf)).AsUInt32();
        return ((even & lowHalf) | Vector256.ShiftLeft(odd, 32)).AsUInt32();
    }

    /// <summary>Writes word j of lane-block i to destination[4i + j] (a 4×16 transpose).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInterleaved512(
        Vector512<uint> x0,
        Vector512<uint> x1,
        Vector512<uint> x2,
        Vector512<uint> x3,
        ref uint destination)
    {
        Vector512<uint> pairLow = Vector512.Create(0u, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        Vector512<uint> pairHigh = Vector512.Create(8u, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        Vector512<ulong> quadLow = Vector512.Create(0UL, 8, 1, 9, 2, 10, 3, 11);
        Vector512<ulong> quadHigh = Vector512.Create(4UL, 12, 5, 13, 6, 14, 7, 15);

        Vector512<ulong> x01Low = Avx512F.PermuteVar16x32x2(x0, pairLow, x1).AsUInt64();
        Vector512<ulong> x01High = Avx512F.PermuteVar16x32x2(x0, pairHigh, x1).AsUInt64();
        Vector512<ulong> x23Low = Avx512F.PermuteVar16x32x2(x2, pairLow, x3).AsUInt64();
        Vector512<ulong> x23High = Avx512F.PermuteVar16x32x2(x2, pairHigh, x3).AsUInt64();

        Avx512F.PermuteVar8x64x2(x01Low, quadLow, x23Low).AsUInt32().StoreUnsafe(ref destination);
        Avx512F.PermuteVar8x64x2(x01Low, quadHigh, x23Low).AsUInt32().StoreUnsafe(ref destination, 16);
        Avx512F.PermuteVar8x64x2(x01High, quadLow, x23High).AsUInt32().StoreUnsafe(ref destination, 32);
        Avx512F.PermuteVar8x64x2(x01High, quadHigh, x23High).AsUInt32().StoreUnsafe(ref destination, 48);
    }
}
