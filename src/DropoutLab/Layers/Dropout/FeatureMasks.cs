using DropoutLab.Random;

namespace DropoutLab.Layers;

// Dimension key: n = units, m = examples; element e = r·m + j of the row-major n × m mask, bit e of word e / 64.

/// <summary>
/// The keep bits of <see cref="MaskSharing.Feature"/>: unit r's bit is the one the counter stream draws for element
/// index r (<see cref="DropoutMaskBits"/>, the same bits on every thread count and instruction set), and it is copied
/// to the whole row r of the n × m mask, bit(r, j) = bit(r) for every example j.
/// </summary>
internal static class FeatureMasks
{
    /// <summary>Writes the n·m row-expanded bits of <paramref name="units"/> units into <paramref name="mask"/> (unused high bits 0).</summary>
    public static void Fill(Span<ulong> mask, DropoutStream stream, double keepProb, int units, int examples)
    {
        int words = DropoutKernel.MaskWordCount(units * examples);
        mask[..words].Clear();
        Philox4x32Key key = stream.Key;
        ulong threshold = DropoutKernel.KeepThreshold(keepProb);
        ulong bits = 0;
        for (int r = 0; r < units; r++)
        {
            if (r % DropoutMaskBits.GroupSize == 0)
            {
                bits = DropoutMaskBits.Group(stream, key, r / DropoutMaskBits.GroupSize, threshold);
            }

            if (((bits >> (r % DropoutMaskBits.GroupSize)) & 1) != 0)
            {
                SetRange(mask, r * examples, examples);
            }
        }
    }

    // Sets bits [start, start + count).
    private static void SetRange(Span<ulong> mask, int start, int count)
    {
        int end = start + count;
        while (start < end)
        {
            int word = start / DropoutMaskBits.GroupSize, offset = start % DropoutMaskBits.GroupSize;
            int take = Math.Min(DropoutMaskBits.GroupSize - offset, end - start);
            ulong run = take == DropoutMaskBits.GroupSize ? ulong.MaxValue : ((1UL << take) - 1) << offset;
            mask[word] |= run;
            start += take;
        }
    }
}
