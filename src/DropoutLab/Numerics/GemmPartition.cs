// Dimension key: C is m×n; a partition is a contiguous band of `step` rows (or columns) of C.
using DropoutLab.Threading;

namespace DropoutLab.Numerics;

/// <summary>
/// One GEMM cut into bands of C: part p covers rows (or columns) [p·step, min((p + 1)·step, total)).
/// Bands never split k, so each C[i, j] is computed the same way whichever band or thread owns it.
/// </summary>
internal readonly struct GemmPartition(GemmProblem problem, GemmKernelKind kernel, bool splitRows, int step, int total) : ICrewWork
{
    public int Parts { get; } = (total + step - 1) / step;

    /// <summary>Computes band <paramref name="part"/> on the calling thread.</summary>
    public void Execute(int part)
    {
        int start = part * step;
        int count = Math.Min(step, total - start);
        Gemm.RunSerial(splitRows ? problem.Rows(start, count) : problem.Columns(start, count), kernel);
    }
}
