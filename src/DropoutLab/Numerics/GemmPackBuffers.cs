// Dimension key: the A buffer holds an MC×KC block of op(A), the B buffer a KC×NC block of op(B).
namespace DropoutLab.Numerics;

/// <summary>
/// Per-thread packing storage for <see cref="Gemm"/>. Each thread that runs a GEMM partition gets one
/// pinned array the first time and reuses it for every later call, so steady-state calls allocate no
/// pack buffers. The array lives on the pinned object heap, so pointers into it stay valid.
/// </summary>
internal static unsafe class GemmPackBuffers
{
    private const int AlignmentFloats = 16; // 64 bytes: one cache line, one 512-bit vector

    [ThreadStatic]
    private static float[]? t_storage;

    /// <summary>A 64-byte-aligned scratch region of at least <paramref name="length"/> floats for this thread.</summary>
    public static float* Rent(int length)
    {
        float[]? storage = t_storage;
        if (storage is null || storage.Length < length + AlignmentFloats)
        {
            storage = GC.AllocateUninitializedArray<float>(length + AlignmentFloats, pinned: true);
            t_storage = storage;
        }

        fixed (float* start = storage)
        {
            nint misalignment = (nint)start & ((AlignmentFloats * sizeof(float)) - 1);
            return misalignment == 0 ? start : (float*)((byte*)start + ((AlignmentFloats * sizeof(float)) - misalignment));
        }
    }
}
