namespace DropoutLab.Random;

/// <summary>
/// A 128-bit block (x0, x1, x2, x3) of four 32-bit words: a Philox4x32 counter or output.
/// As a counter it reads as the integer x0 + 2^32·x1 + 2^64·x2 + 2^96·x3.
/// </summary>
internal readonly record struct Philox4x32Block(uint Word0, uint Word1, uint Word2, uint Word3)
{
    /// <summary>The word at <paramref name="index"/> (0..3).</summary>
    public uint this[int index] => index switch
    {
        0 => Word0,
        1 => Word1,
        2 => Word2,
        3 => Word3,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A block has words 0..3."),
    };

    /// <summary>This counter plus <paramref name="offset"/>, modulo 2^128.</summary>
    public Philox4x32Block Add(ulong offset)
    {
        ulong low = (Word0 | ((ulong)Word1 << 32)) + offset;
        ulong high = Word2 | ((ulong)Word3 << 32);
        if (low < offset)
        {
            high++;
        }

        return new Philox4x32Block((uint)low, (uint)(low >> 32), (uint)high, (uint)(high >> 32));
    }
}
