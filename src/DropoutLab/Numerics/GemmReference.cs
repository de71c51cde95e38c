// Dimension key: op(A) is m×k, op(B) is k×n, C is m×n; all matrices row-major.
// A is stored as m×k (lda ≥ k) or, when transposed, as k×m (lda ≥ m); likewise B as k×n or n×k.
using System.Numerics;

namespace DropoutLab.Numerics;

/// <summary>
/// Plain triple-loop GEMM, C ← α·op(A)·op(B) + β·C with op(X) ∈ {X, Xᵀ}.
/// It is the oracle the fast <see cref="Gemm"/> is tested against: slow, obvious, and summing each
/// dot product in natural order p = 0, 1, …, k − 1.
/// </summary>
internal static class GemmReference
{
    /// <summary>
    /// C ← α·op(A)·op(B) + β·C. When β = 0, C is overwritten and its old contents (even NaN) are ignored.
    /// </summary>
    /// <param name="transposeA">op(A) = Aᵀ, with A stored k×m.</param>
    /// <param name="transposeB">op(B) = Bᵀ, with B stored n×k.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B): the length of each dot product.</param>
    /// <param name="alpha">Scale α of the product.</param>
    /// <param name="a">A, row-major as stored.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="b">B, row-major as stored.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="beta">Scale β of the old C.</param>
    /// <param name="c">C, row-major m×n.</param>
    /// <param name="ldc">Row stride of C.</param>
    public static void Multiply<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // s = Σₚ op(A)[i, p] · op(B)[p, j]
                T s = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T x = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    T y = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    s += x * y;
                }

                ref T cij = ref c[(i * ldc) + j];
                cij = T.IsZero(beta) ? alpha * s : (alpha * s) + (beta * cij);
            }
        }
    }
}
