// Dimension key: op(A) is m×k, op(B) is k×n, C is m×n; an MLP 784-1024-1024-10 with batch 128.
using BenchmarkDotNet.Attributes;
using DropoutLab.Numerics;

namespace DropoutLab.Benchmarks;

/// <summary>
/// The GEMMs of one training step of a 784-1024 layer with batch 128:
/// forward Y = X·Wᵀ, weight gradient dW = dYᵀ·X, input gradient dX = dY·W.
/// GFLOP/s = 2·m·n·k / time.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private const int Batch = 128;
    private const int Inputs = 784;
    private const int Outputs = 1024;

    private float[] _x = [];
    private float[] _w = [];
    private float[] _y = [];
    private float[] _dw = [];
    private float[] _dx = [];
    private float[] _smallA = [];
    private float[] _smallB = [];
    private float[] _smallC = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(1);
        _x = Fill(Batch * Inputs, random);
        _w = Fill(Outputs * Inputs, random);
        _y = Fill(Batch * Outputs, random);
        _dw = new float[Outputs * Inputs];
        _dx = new float[Batch * Inputs];
        _smallA = Fill(33 * 65, random);
        _smallB = Fill(65 * 17, random);
        _smallC = new float[33 * 17];
    }

    /// <summary>Y(128×1024) = X(128×784)·Wᵀ, W stored 1024×784.</summary>
    [Benchmark]
    public void Forward() =>
        Gemm.Multiply(false, true, Batch, Outputs, Inputs, 1f, _x, Inputs, _w, Inputs, 0f, _y, Outputs, Threads);

    /// <summary>dW(1024×784) = dYᵀ·X, dY stored 128×1024.</summary>
    [Benchmark]
    public void WeightGradient() =>
        Gemm.Multiply(true, false, Outputs, Inputs, Batch, 1f, _y, Outputs, _x, Inputs, 0f, _dw, Inputs, Threads);

    /// <summary>dX(128×784) = dY(128×1024)·W(1024×784).</summary>
    [Benchmark]
    public void InputGradient() =>
        Gemm.Multiply(false, false, Batch, Inputs, Outputs, 1f, _y, Outputs, _w, Inputs, 0f, _dx, Inputs, Threads);

    /// <summary>An awkward small shape, 33×17×65, through the fast path.</summary>
    [Benchmark]
    public void SmallFast() =>
        Gemm.Multiply(false, false, 33, 17, 65, 1f, _smallA, 65, _smallB, 17, 0f, _smallC, 17, Threads);

    /// <summary>The same small shape through the triple-loop reference (single-threaded).</summary>
    [Benchmark]
    public void SmallReference() =>
        GemmReference.Multiply(false, false, 33, 17, 65, 1f, _smallA, 65, _smallB, 17, 0f, _smallC, 17);

    private static float[] Fill(int length, System.Random random)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() - 0.5);
        }

        return values;
    }
}
