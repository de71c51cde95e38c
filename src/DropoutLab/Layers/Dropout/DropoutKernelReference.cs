using System.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Layers;

/// <summary>
/// Plain element-by-element statement of <see cref="DropoutKernel"/>'s math, one Philox
/// evaluation per element, single-threaded: the specification the fast kernel must match bit for bit.
/// </summary>
public static class DropoutKernelReference
{
    /// <summary>m_e = [word (e mod 4) of Philox(key, counter(⌊e/4⌋)) &lt; threshold].</summary>
    public static bool Keeps(DropoutStream stream, double keepProb, int element)
    {
        ulong threshold = DropoutKernel.KeepThreshold(keepProb);
        Philox4x32Block words = Philox4x32.Evaluate(stream.Counter((uint)(element / 4)), stream.Key);
        return words[element % 4] < threshold;
    }

    /// <summary>y = m·s·max(z, 0), as in <see cref="DropoutKernel"/>.</summary>
    public static void ReluForward(
        ReadOnlySpan<float> preActivation, Span<float> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling) =>
        Forward(preActivation, output, mask, keepProb, stream, scaling, relu: true);

    /// <summary>y = m·s·max(z, 0), as in <see cref="DropoutKernel"/>.</summary>
    public static void ReluForward(
        ReadOnlySpan<double> preActivation, Span<double> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling) =>
        Forward(preActivation, output, mask, keepProb, stream, scaling, relu: true);

    /// <summary>y = m·s·a, as in <see cref="DropoutKernel"/>.</summary>
    public static void Forward(
        ReadOnlySpan<float> input, Span<float> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling) =>
        Forward(input, output, mask, keepProb, stream, scaling, relu: false);

    /// <summary>y = m·s·a, as in <see cref="DropoutKernel"/>.</summary>
    public static void Forward(
        ReadOnlySpan<double> input, Span<double> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling) =>
        Forward(input, output, mask, keepProb, stream, scaling, relu: false);

    /// <summary>dz = dy·m·s·[z &gt; 0].</summary>
    public static void ReluBackward(
        ReadOnlySpan<float> preActivation, ReadOnlySpan<float> outputGradient, ReadOnlySpan<ulong> mask, Span<float> inputGradient, double keepProb, DropoutScaling scaling) =>
        Backward(preActivation, outputGradient, mask, inputGradient, keepProb, scaling, relu: true);

    /// <summary>da = dy·m·s.</summary>
    public static void Backward(
        ReadOnlySpan<float> outputGradient, ReadOnlySpan<ulong> mask, Span<float> inputGradient, double keepProb, DropoutScaling scaling) =>
        Backward(outputGradient, outputGradient, mask, inputGradient, keepProb, scaling, relu: false);

    private static void Forward<T>(
        ReadOnlySpan<T> input, Span<T> output, Span<ulong> mask, double keepProb, DropoutStream stream, DropoutScaling scaling, bool relu)
        where T : IBinaryFloatingPointIeee754<T>
    {
        DropoutKernel.ValidateShapes(input.Length, output.Length, mask.Length, nameof(output));
        T scale = T.CreateTruncating(DropoutKernel.TrainingScale(keepProb, scaling));
        mask[..DropoutKernel.MaskWordCount(input.Length)].Clear();
        for (int e = 0; e < input.Length; e++)
        {
            bool kept = Keeps(stream, keepProb, e);
            if (kept)
            {
                mask[e / 64] |= 1UL << (e % 64);
            }

            output[e] = kept && (!relu || input[e] > T.Zero) ? input[e] * scale : T.Zero;
        }
    }

    private static void Backward<T>(
        ReadOnlySpan<T> preActivation, ReadOnlySpan<T> outputGradient, ReadOnlySpan<ulong> mask, Span<T> inputGradient, double keepProb, DropoutScaling scaling, bool relu)
        where T : IBinaryFloatingPointIeee754<T>
    {
        DropoutKernel.ValidateShapes(outputGradient.Length, inputGradient.Length, mask.Length, nameof(inputGradient));
        T scale = T.CreateTruncating(DropoutKernel.TrainingScale(keepProb, scaling));
        for (int e = 0; e < outputGradient.Length; e++)
        {
            bool kept = ((mask[e / 64] >> (e % 64)) & 1) != 0;
            inputGradient[e] = kept && (!relu || preActivation[e] > T.Zero) ? outputGradient[e] * scale : T.Zero;
        }
    }
}
