namespace DropoutLab.Numerics;

/// <summary>Which kernels a layer runs on.</summary>
public enum ComputeKernels
{
    /// <summary>The vectorised, blocked and threaded kernels.</summary>
    Fast,

    /// <summary>
    /// The plain reference kernels: one loop per output element in the defining order (ColumnKernelsReference for
    /// the dense layer in both precisions, DropoutKernelReference for dropout), single-threaded. For float64 they
    /// give the fast engine's bits; the float32 fast engine multiplies with a fused-multiply-add GEMM and agrees to
    /// rounding.
    /// </summary>
    Reference,
}
