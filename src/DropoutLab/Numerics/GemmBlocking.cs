// Dimension key: one pass packs an mc×kc block of op(A) (m×k) and a kc×nc block of op(B) (k×n); the micro-kernel
// tile is mr×nr. kc is fixed by k alone (see Gemm); mc and nc are cache-sized and never change a result bit.
using System.Globalization;

namespace DropoutLab.Numerics;

/// <summary>
/// Cache blocking of <see cref="Gemm"/>: the packed mc×kc block of op(A) takes about half of the L2 cache, so
/// it stays there while the kc×nr slivers of op(B) stream past it, and the packed kc×nc block of op(B) takes
/// about half of one core's share of L3 (mc ≤ 1024, nc ≤ 2048, so a thread's pack buffer stays under 6 MB).
/// Sizes come from the caches the operating system reports (Linux sysfs), else from fallbacks that give mc = 128
/// and nc = 512 at kc = 512. The L1 size is read but not used: it would size kc, which is fixed by k alone.
/// </summary>
internal static class GemmBlocking
{
    private const long FallbackL1 = 32 << 10;
    private const long FallbackL2 = 512 << 10;
    private const long FallbackL3PerCore = 2 << 20;
    private const int McLimit = 1024;
    private const int NcLimit = 2048;

    /// <summary>Data caches of this machine, in bytes; L3 is one core's share.</summary>
    public static CacheSizes Caches { get; } = Read("/sys/devices/system/cpu/cpu0/cache");

    /// <summary>Rows of op(A) per packed block: mc·kc·4 B ≈ L2 / 2, a multiple of mr, at most ⌈m/mr⌉·mr.</summary>
    public static int Mc(int mr, int kc, int m) => Block(Caches.L2 / 2, kc, mr, McLimit, m);

    /// <summary>Columns of op(B) per packed block: kc·nc·4 B ≈ (L3 share) / 2, a multiple of nr, at most ⌈n/nr⌉·nr.</summary>
    public static int Nc(int nr, int kc, int n) => Block(Caches.L3PerCore / 2, kc, nr, NcLimit, n);

    private static int Block(long bytes, int kc, int step, int limit, int extent)
    {
        long lines = bytes / (sizeof(float) * (long)Math.Max(kc, 1));
        int size = (int)Math.Clamp(lines, 4L * step, limit) / step * step;
        int whole = (extent + step - 1) / step * step;
        return Math.Max(step, Math.Min(size, whole));
    }

    /// <summary>
    /// Reads index*/{level,type,size,shared_cpu_list} under <paramref name="folder"/>; any missing or unreadable
    /// value falls back to a constant, so this never throws.
    /// </summary>
    internal static CacheSizes Read(string folder)
    {
        long l1 = 0, l2 = 0, l3 = 0;
        int l3Sharers = 1;
        try
        {
            if (Directory.Exists(folder))
            {
                foreach (string index in Directory.EnumerateDirectories(folder, "index*"))
                {
                    string? type = ReadLine(Path.Combine(index, "type"));
                    if (type is not ("Data" or "Unified")
                        || !int.TryParse(ReadLine(Path.Combine(index, "level")), NumberStyles.None, CultureInfo.InvariantCulture, out int level)
                        || ParseSize(ReadLine(Path.Combine(index, "size"))) is not { } size)
                    {
                        continue;
                    }

                    switch (level)
                    {
                        case 1:
                            l1 = size;
                            break;
                        case 2:
                            l2 = size;
                            break;
                        case 3:
                            l3 = size;
                            l3Sharers = Math.Max(1, CountCpus(ReadLine(Path.Combine(index, "shared_cpu_list"))));
                            break;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            // Unreadable: keep what was found, fall back for the rest.
        }

        return new CacheSizes(
            l1 > 0 ? l1 : FallbackL1,
            l2 > 0 ? l2 : FallbackL2,
            l3 > 0 ? l3 / l3Sharers : FallbackL3PerCore);
    }

    /// <summary>"32K" → 32768, "1M" → 1048576, "512" → 512; null for anything else.</summary>
    internal static long? ParseSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        long unit = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1,
        };
        string digits = unit == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 && value < (1L << 40) / unit
            ? value * unit
            : null;
    }

    /// <summary>Number of CPUs in a list such as "0-3,8,10-11" (0 if it does not parse).</summary>
    internal static int CountCpus(string? list)
    {
        if (string.IsNullOrEmpty(list))
        {
            return 0;
        }

        int count = 0;
        foreach (string item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] ends = item.Split('-');
            if (ends.Length is 1 or 2
                && int.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)
                && int.TryParse(ends[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int last)
                && last >= first)
            {
                count += last - first + 1;
            }
            else
            {
                return 0;
            }
        }

        return count;
    }

    private static string? ReadLine(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}

/// <summary>Cache capacities in bytes: L1 data, L2, and one core's share of L3.</summary>
internal readonly record struct CacheSizes(long L1, long L2, long L3PerCore);
