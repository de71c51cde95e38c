// Dimension key: op(A) is m×k, op(B) is k×n, C is m×n; all matrices row-major.
namespace DropoutLab.Numerics;

/// <summary>One GEMM, C ← α·op(A)·op(B) + β·C, over pinned memory; sub-problems address a block of C.</summary>
internal readonly unsafe struct GemmProblem(
    bool transposeA, bool transposeB, int m, int n, int k,
    float alpha, float* a, nint lda, float* b, nint ldb, float beta, float* c, nint ldc)
{
    public bool TransposeA { get; } = transposeA;
    public bool TransposeB { get; } = transposeB;
    public int M { get; } = m;
    public int N { get; } = n;
    public int K { get; } = k;
    public float Alpha { get; } = alpha;
    public float* A { get; } = a;
    public nint Lda { get; } = lda;
    public float* B { get; } = b;
    public nint Ldb { get; } = ldb;
    public float Beta { get; } = beta;
    public float* C { get; } = c;
    public nint Ldc { get; } = ldc;

    /// <summary>Rows [start, start + count) of C: the same rows of op(A), all of op(B).</summary>
    public GemmProblem Rows(int start, int count) => new(
        TransposeA, TransposeB, count, N, K, Alpha,
        TransposeA ? A + start : A + (start * Lda), Lda, B, Ldb, Beta, C + (start * Ldc), Ldc);

    /// <summary>Columns [start, start + count) of C: all of op(A), the same columns of op(B).</summary>
    public GemmProblem Columns(int start, int count) => new(
        TransposeA, TransposeB, M, count, K, Alpha,
        A, Lda, TransposeB ? B + (start * Ldb) : B + start, Ldb, Beta, C + start, Ldc);
}
