using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DropoutLab.Metrics;

/// <summary>Element [k, j] of a classes × examples array at offset k·columns + j, as a span (empty arrays included).</summary>
internal static class RowMajor
{
    /// <summary>The elements of <paramref name="values"/> in row-major order, without copying.</summary>
    public static ReadOnlySpan<double> Elements(double[,] values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length);
}
