using System.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Layers;

/// <summary>
/// Plain element-by-element statement of <see cref="DropoutKernel"/>'s math, one Philox
/// evaluation per element, single-threaded: the specification the fast kernel must match bit for bit.
/// </summary>
internal static class DropoutKernelReference
{
    /// <summary>m_e = [word (e mod 4) of Philox(key, counter(⌊e/4⌋)) &lt; threshold].</summary>
    public static bool Keeps(DropoutStream stream, double keepProb, int element)
    {
        ulong threshold = DropoutKernel.KeepThreshold(keepProb);
        Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(element / 4)), stream.Key);
        return words[element % 4] < threshold;
    }

    /// <summary>y = m·s·max(z, 0), as in <see cref="DropoutKernel"/>.</summary>
    public static void ReluForward<T>(
        ReadOnlySpan<T> preActivation, Span<T> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling)
        where T : IBinaryFloatingPointIeee754<T> =>
        Forward(preActivation, output, mask, keepProb, stream, scaling, relu: true);

    /// <summary>y = m·s·a, as in <see cref="DropoutKernel"/>.</summary>
    public static void Forward<T>(
        ReadOnlySpan<T> input, Span<T> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling)
        where T : IBinaryFloatingPointIeee754<T> =>
        Forward(input, output, mask, keepProb, stream, scaling, relu: false);

    /// <summary>dz = dy·m·s·[z &gt; 0].</summary>
    public static void ReluBackward<T>(
        ReadOnlySpan<T> preActivation, ReadOnlySpan<T> outputGradient, ReadOnlySpan<ulong> mask, Span<T> inputGradient, double keepProb, DropoutScaling scaling)
        where T : IBinaryFloatingPointIeee754<T> =>
        Backward(preActivation, outputGradient, mask, inputGradient, keepProb, scaling, relu: true);

    /// <summary>da = dy·m·s.</summary>
    public static void Backward<T>(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<ulong> mask, Span<T> inputGradient, double keepProb, DropoutScaling scaling)
        where T : IBinaryFloatingPointIeee754<T> =>
        Backward(outputGradient, outputGradient, mask, inputGradient, keepProb, scaling, relu: false);

    private static void Forward<T>(
        ReadOnlySpan<T> input, Span<T> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling, bool relu)
        where T : IBinaryFloatingPointIeee754<T>
        => Run(input, input, output, mask, stream, keepProb, scaling, relu, divide: false);

    private static void Backward<T>(
        ReadOnlySpan<T> preActivation, ReadOnlySpan<T> outputGradient, ReadOnlySpan<ulong> mask, Span<T> inputGradient, double keepProb, DropoutScaling scaling, bool relu)
        where T : IBinaryFloatingPointIeee754<T>
    {
        ulong[] copy = mask.ToArray();
        Run(outputGradient, preActivation, inputGradient, copy, null, keepProb, scaling, relu, divide: false);
    }

    /// <summary>
    /// <see cref="DropoutKernel"/>'s apply step one element at a time: outₑ = valuesₑ·s (or valuesₑ/keepProb when
    /// dividing under inverted scaling) if element e is kept (and gateₑ &gt; 0 under ReLU), else +0; with a stream
    /// the bits are drawn with <see cref="Keeps"/> and stored, without one they are read from the mask.
    /// </summary>
    internal static void Run<T>(
        ReadOnlySpan<T> values, ReadOnlySpan<T> gate, Span<T> output, Span<ulong> mask, DropoutStream? stream, double keepProb, DropoutScaling scaling, bool relu, bool divide)
        where T : IBinaryFloatingPointIeee754<T>
    {
        DropoutKernel.ValidateShapes(values.Length, output.Length, mask.Length, nameof(output));
        DropoutKernel.ValidateShapes(values.Length, gate.Length, mask.Length, nameof(gate));
        T scale = T.CreateTruncating(DropoutKernel.TrainingScale(keepProb, scaling));
        T keep = T.CreateTruncating(keepProb);
        bool divides = divide && scaling == DropoutScaling.Inverted;
        if (stream is { } drawing)
        {
            mask[..DropoutKernel.MaskWordCount(values.Length)].Clear();
            for (int e = 0; e < values.Length; e++)
            {
                mask[e / 64] |= (Keeps(drawing, keepProb, e) ? 1UL : 0UL) << (e % 64);
            }
        }

        for (int e = 0; e < values.Length; e++)
        {
            bool kept = ((mask[e / 64] >> (e % 64)) & 1) != 0 && (!relu || gate[e] > T.Zero);
            output[e] = !kept ? T.Zero : divides ? values[e] / keep : values[e] * scale;
        }
    }
}
