using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DropoutLab.Random;

namespace DropoutLab.Layers;

/// <summary>
/// Keep bits of one 64-element group: bit i is m_(64g+i) = [word_(64g+i) &lt; threshold],
/// where the group's words come from the 16 Philox blocks 16g .. 16g + 15.
/// </summary>
internal static class DropoutMaskBits
{
    public const int GroupSize = 64;
    public const int BlocksPerGroup = GroupSize / 4;

    /// <summary>The 64 keep bits of group <paramref name="group"/>; threshold ≥ 2^32 keeps all.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Group(in DropoutStream stream, Philox4x32Key key, int group, ulong threshold)
    {
        if (threshold > uint.MaxValue)
        {
            return ulong.MaxValue;
        }

        uint firstBlock = (uint)group * BlocksPerGroup;
        if (Avx512F.IsSupported)
        {
            Philox4x32.Lanes512(stream.Counter(firstBlock), out var x0, out var x1, out var x2, out var x3);
            Philox4x32.Rounds512(ref x0, ref x1, ref x2, ref x3, key);
            Vector512<uint> bound = Vector512.Create((uint)threshold);
            return Interleave(
                (uint)Vector512.LessThan(x0, bound).ExtractMostSignificantBits(),
                (uint)Vector512.LessThan(x1, bound).ExtractMostSignificantBits(),
                (uint)Vector512.LessThan(x2, bound).ExtractMostSignificantBits(),
                (uint)Vector512.LessThan(x3, bound).ExtractMostSignificantBits());
        }

        if (Avx2.IsSupported)
        {
            return HalfGroup256(stream, key, firstBlock, (uint)threshold)
                | (HalfGroup256(stream, key, firstBlock + 8, (uint)threshold) << 32);
        }

        ulong bits = 0;
        for (uint block = 0; block < BlocksPerGroup; block++)
        {
            Philox4x32Block words = Philox4x32.Evaluate(stream.Counter(firstBlock + block), key);
            for (int word = 0; word < 4; word++)
            {
                if (words[word] < threshold)
                {
                    bits |= 1UL << (int)((4 * block) + word);
                }
            }
        }

        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HalfGroup256(in DropoutStream stream, Philox4x32Key key, uint firstBlock, uint threshold)
    {
        Philox4x32.Lanes256(stream.Counter(firstBlock), out var x0, out var x1, out var x2, out var x3);
        Philox4x32.Rounds256(ref x0, ref x1, ref x2, ref x3, key);
        Vector256<uint> bound = Vector256.Create(threshold);
        return Interleave(
            Vector256.LessThan(x0, bound).ExtractMostSignificantBits(),
            Vector256.LessThan(x1, bound).ExtractMostSignificantBits(),
            Vector256.LessThan(x2, bound).ExtractMostSignificantBits(),
            Vector256.LessThan(x3, bound).ExtractMostSignificantBits());
    }

    /// <summary>Bit j of word-mask w (word w of block j) becomes bit 4j + w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Interleave(uint word0, uint word1, uint word2, uint word3) =>
        Spread(word0) | (Spread(word1) << 1) | (Spread(word2) << 2) | (Spread(word3) << 3);

    /// <summary>Moves bit j (j &lt; 16) of <paramref name="bits"/> to bit 4j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Spread(uint bits)
    {
        ulong x = bits & 0xFFFFUL;
        x = (x | (x << 24)) & 0x0000_00FF_0000_00FFUL;
        x = (x | (x << 12)) & 0x000F_000F_000F_000FUL;
        x = (x | (x << 6)) & 0x0303_0303_0303_0303UL;
        x = (x | (x << 3)) & 0x1111_1111_1111_1111UL;
        return x;
    }
}
