namespace DropoutLab.Data;

/// <summary>
/// CRC-32 of ISO-HDLC / gzip (RFC 1952): the reflected polynomial 0xEDB88320,
/// initial value and final XOR 0xFFFFFFFF.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The running remainder after <paramref name="bytes"/>; start from 0, the CRC of no bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        uint state = ~crc;
        foreach (byte b in bytes)
        {
            state = Table[(byte)(state ^ b)] ^ (state >> 8);
        }

        return ~state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
