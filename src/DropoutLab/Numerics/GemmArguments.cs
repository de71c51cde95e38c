// Dimension key: op(A) is m×k, op(B) is k×n, C is m×n; all matrices row-major.
// A is stored as m×k (lda ≥ k) or, when transposed, as k×m (lda ≥ m); likewise B as k×n or n×k.
namespace DropoutLab.Numerics;

/// <summary>Shape and buffer-length checks shared by every GEMM kernel.</summary>
internal static class GemmArguments
{
    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> for negative dimensions or too-small strides
    /// and <see cref="ArgumentException"/> for spans shorter than the matrices they must hold.
    /// </summary>
    public static void Validate(
        bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        int aRows = transposeA ? k : m;
        int aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k;
        int bCols = transposeB ? k : n;

        CheckMatrix(aRows, aCols, aLength, lda, "a", nameof(lda));
        CheckMatrix(bRows, bCols, bLength, ldb, "b", nameof(ldb));
        CheckMatrix(m, n, cLength, ldc, "c", nameof(ldc));
    }

    private static void CheckMatrix(int rows, int cols, int length, int stride, string name, string strideName)
    {
        if (stride < Math.Max(1, cols))
        {
            throw new ArgumentOutOfRangeException(
                strideName, stride, $"Row stride must be at least max(1, {cols}).");
        }

        long required = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * stride) + cols;
        if (length < required)
        {
            throw new ArgumentException(
                $"Span holds {length} elements but a {rows}×{cols} matrix with row stride {stride} needs {required}.",
                name);
        }
    }
}
