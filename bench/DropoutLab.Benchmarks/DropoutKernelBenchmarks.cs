// Dimension key: N = elements of one activation buffer; 128×1024 is one hidden layer of a batch-128 MLP.
using BenchmarkDotNet.Attributes;
using DropoutLab.Layers;

namespace DropoutLab.Benchmarks;

/// <summary>
/// The fused counter-based dropout kernels on float32:
/// forward y = m·max(z, 0)/keepProb (draws the Philox mask, writes y and the mask bits),
/// backward dz = dy·m·[z &gt; 0]/keepProb (reads the mask bits). Forward moves 8·N bytes of values
/// (read z, write y) plus N/8 of mask; backward 12·N (read z and dy, write dz) plus N/8.
/// </summary>
[MemoryDiagnoser]
public class DropoutKernelBenchmarks
{
    private const double KeepProb = 0.5;

    private float[] _z = [];
    private float[] _y = [];
    private float[] _dy = [];
    private float[] _dz = [];
    private ulong[] _mask = [];
    private ulong _step;

    /// <summary>Elements N: one 128×1024 hidden layer, and 4 Mi.</summary>
    [Params(128 * 1024, 4 * 1024 * 1024)]
    public int Elements { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(1);
        _z = Fill(Elements, random);
        _dy = Fill(Elements, random);
        _y = new float[Elements];
        _dz = new float[Elements];
        _mask = new ulong[DropoutKernel.MaskWordCount(Elements)];
        DropoutKernel.ReluForward(_z, _y, _mask, KeepProb, new DropoutStream(1, 0, 0), DropoutScaling.Inverted, Threads);
    }

    /// <summary>y = m·max(z, 0)/keepProb with a fresh mask (new step) every call.</summary>
    [Benchmark]
    public void ReluForward() =>
        DropoutKernel.ReluForward(_z, _y, _mask, KeepProb, new DropoutStream(1, ++_step, 0), DropoutScaling.Inverted, Threads);

    /// <summary>dz = dy·m·[z &gt; 0]/keepProb from the stored mask.</summary>
    [Benchmark]
    public void ReluBackward() =>
        DropoutKernel.ReluBackward(_z, _dy, _mask, _dz, KeepProb, DropoutScaling.Inverted, Threads);

    private static float[] Fill(int length, System.Random random)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2 * random.NextDouble()) - 1);
        }

        return values;
    }
}
