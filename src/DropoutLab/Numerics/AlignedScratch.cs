using System.Runtime.CompilerServices;

namespace DropoutLab.Numerics;

/// <summary>
/// A per-thread scratch span whose first element sits on a 64-byte boundary, reused across calls (pinned, so its
/// address never moves). Used where a vectorised routine's bits depend on the address of its buffer.
/// </summary>
internal static class AlignedScratch<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static T[]? s_buffer;

    [ThreadStatic]
    private static int s_offset;

    /// <summary>A 64-byte-aligned span of <paramref name="length"/> elements, valid until the next call on this thread.</summary>
    public static unsafe Span<T> Get(int length)
    {
        int slack = Alignment / Unsafe.SizeOf<T>();
        if (s_buffer is null || s_buffer.Length < length + slack)
        {
            s_buffer = GC.AllocateUninitializedArray<T>(Math.Max(length, 256) + slack, pinned: true);
            nint address = (nint)Unsafe.AsPointer(ref s_buffer[0]);
            s_offset = (int)((Alignment - (address % Alignment)) % Alignment) / Unsafe.SizeOf<T>();
        }

        return s_buffer.AsSpan(s_offset, length);
    }
}
