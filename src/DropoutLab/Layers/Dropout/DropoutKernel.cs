using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using DropoutLab.Numerics;
using DropoutLab.Numerics.Simd;
using DropoutLab.Threading;

namespace DropoutLab.Layers;

/// <summary>
/// Fused dropout kernels over row-major buffers. Training forward computes
/// y_e = m_e·s·f(z_e), with f = ReLU or identity, s = <see cref="TrainingScale"/>, and
/// m_e = [word_e &lt; ⌊keepProb·2^32⌉] from the Philox stream described by <see cref="DropoutStream"/>,
/// so P(m_e = 1) = keepProb up to 2^-33 and the mask depends only on (seed, step, layer, e).
/// Backward returns dz_e = dy_e·m_e·s·f'(z_e), with ReLU'(z) = [z &gt; 0].
/// <para>
/// Mask layout: one bit per element; bit (e mod 64) of word ⌊e/64⌋ is m_e and the unused
/// high bits of the last word are zero (<see cref="MaskWordCount"/> words in all).
/// </para>
/// <para>
/// Large buffers are split over cores in whole 64-element groups; because every element
/// depends only on its own index, results are identical for any degree of parallelism.
/// Calls do not allocate in steady state. Output may be the same buffer as the input.
/// </para>
/// </summary>
internal static class DropoutKernel
{
    /// <summary>2^32, the number of distinct 32-bit random words.</summary>
    public const double WordRange = 4294967296.0;

    /// <summary>Groups of 64 elements per parallel partition at minimum (16 Ki elements).</summary>
    private const int MinimumGroupsPerPartition = 256;

    /// <summary>The number of 64-bit mask words for <paramref name="elementCount"/> elements.</summary>
    public static int MaskWordCount(int elementCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementCount);
        return (int)(((long)elementCount + 63) / 64);
    }

    /// <summary>
    /// The keep threshold t = round(keepProb·2^32) clamped to [1, 2^32]; an element is kept iff
    /// its word is below t, so t = 2^32 (keepProb = 1) keeps every element.
    /// </summary>
    public static ulong KeepThreshold(double keepProb)
    {
        ValidateKeepProb(keepProb);
        double scaled = Math.Round(keepProb * WordRange, MidpointRounding.ToEven);
        return (ulong)Math.Clamp(scaled, 1.0, WordRange);
    }

    /// <summary>The training-time factor s in y = m·s·a: 1/keepProb when <see cref="DropoutScaling.Inverted"/>, else 1.</summary>
    public static double TrainingScale(double keepProb, DropoutScaling scaling)
    {
        ValidateKeepProb(keepProb);
        return scaling == DropoutScaling.Inverted ? 1.0 / keepProb : 1.0;
    }

    /// <summary>The inference factor in y = s·a: keepProb when <see cref="DropoutScaling.AtInference"/>, else 1.</summary>
    public static double InferenceScale(double keepProb, DropoutScaling scaling)
    {
        ValidateKeepProb(keepProb);
        return scaling == DropoutScaling.AtInference ? keepProb : 1.0;
    }

    /// <summary>Training forward of ReLU then dropout: y = m·s·max(z, 0); writes the mask bits.</summary>
    public static void ReluForward<T>(
        ReadOnlySpan<T> preActivation,
        Span<T> output,
        Span<ulong> mask,
        double keepProb,
        DropoutStream stream,
        DropoutScaling scaling = DropoutScaling.Inverted,
        int maxDegreeOfParallelism = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Run(preActivation, preActivation, output, mask, stream, keepProb, scaling, relu: true, divide: false, maxDegreeOfParallelism);

    /// <summary>Backward of <see cref="ReluForward{T}"/>: dz = dy·m·s·[z &gt; 0].</summary>
    public static void ReluBackward<T>(
        ReadOnlySpan<T> preActivation,
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<ulong> mask,
        Span<T> inputGradient,
        double keepProb,
        DropoutScaling scaling = DropoutScaling.Inverted,
        int maxDegreeOfParallelism = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Run(outputGradient, preActivation, inputGradient, Writable(mask), null, keepProb, scaling, relu: true, divide: false, maxDegreeOfParallelism);

    /// <summary>Training forward of plain dropout (e.g. on inputs): y = m·s·a; writes the mask bits.</summary>
    public static void Forward<T>(
        ReadOnlySpan<T> input,
        Span<T> output,
        Span<ulong> mask,
        double keepProb,
        DropoutStream stream,
        DropoutScaling scaling = DropoutScaling.Inverted,
        int maxDegreeOfParallelism = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Run(input, input, output, mask, stream, keepProb, scaling, relu: false, divide: false, maxDegreeOfParallelism);

    /// <summary>Backward of plain dropout: da = dy·m·s.</summary>
    public static void Backward<T>(
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<ulong> mask,
        Span<T> inputGradient,
        double keepProb,
        DropoutScaling scaling = DropoutScaling.Inverted,
        int maxDegreeOfParallelism = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Run(outputGradient, outputGradient, inputGradient, Writable(mask), null, keepProb, scaling, relu: false, divide: false, maxDegreeOfParallelism);

    internal static void ValidateKeepProb(double keepProb)
    {
        if (!(keepProb > 0.0 && keepProb <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(keepProb),
                keepProb,
                string.Create(CultureInfo.InvariantCulture, $"keepProb must be in (0, 1], but got {keepProb}."));
        }
    }

    // A pass without a stream only reads the mask.
    private static Span<ulong> Writable(ReadOnlySpan<ulong> mask) => MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(mask), mask.Length);

    internal static void ValidateShapes(int length, int otherLength, int maskLength, string otherName)
    {
        if (otherLength != length)
        {
            throw new ArgumentException($"{otherName} has {otherLength} elements but the input has {length}.", otherName);
        }

        int needed = MaskWordCount(length);
        if (maskLength < needed)
        {
            throw new ArgumentException($"mask has {maskLength} words but {length} elements need {needed}.", "mask");
        }
    }

    /// <summary>
    /// The one apply step of every dropout layer: outₑ = mₑ·gₑ·(valuesₑ·s), or valuesₑ/keepProb when
    /// <paramref name="divide"/> and the rule is inverted, with gₑ = [gateₑ &gt; 0] when <paramref name="relu"/> (else 1)
    /// and dropped elements +0. With a <paramref name="stream"/> the mask bits are drawn group by group as the pass
    /// goes and stored in <paramref name="mask"/>; without one they are read from it.
    /// </summary>
    internal static void Run<T>(
        ReadOnlySpan<T> values,
        ReadOnlySpan<T> gate,
        Span<T> output,
        Span<ulong> mask,
        DropoutStream? stream,
        double keepProb,
        DropoutScaling scaling,
        bool relu,
        bool divide,
        int maxDegreeOfParallelism)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && stream is null && PlainLoops.Enabled)
        {
            ValidateKeepProb(keepProb);
            ValidateShapes(values.Length, output.Length, mask.Length, nameof(output));
            ValidateShapes(values.Length, gate.Length, mask.Length, nameof(gate));
            PlainLoops.DropoutApply(
                PlainLoops.AsDouble(values),
                PlainLoops.AsDouble(gate),
                PlainLoops.AsDouble(output),
                mask,
                relu,
                divide && scaling == DropoutScaling.Inverted,
                keepProb,
                TrainingScale(keepProb, scaling));
            return;
        }

        Run(values, gate, output, mask, stream, keepProb, scaling, relu, divide, maxDegreeOfParallelism, SimdWidths.Best);
    }

    /// <summary>As above at a given register width (for tests: every width gives the same bits).</summary>
    internal static unsafe void Run<T>(
        ReadOnlySpan<T> values,
        ReadOnlySpan<T> gate,
        Span<T> output,
        Span<ulong> mask,
        DropoutStream? stream,
        double keepProb,
        DropoutScaling scaling,
        bool relu,
        bool divide,
        int maxDegreeOfParallelism,
        SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ValidateKeepProb(keepProb);
        ValidateShapes(values.Length, output.Length, mask.Length, nameof(output));
        ValidateShapes(values.Length, gate.Length, mask.Length, nameof(gate));
        bool divides = divide && scaling == DropoutScaling.Inverted;
        fixed (T* valuesPointer = values)
        fixed (T* gatePointer = gate)
        fixed (T* outputPointer = output)
        fixed (ulong* maskPointer = mask)
        {
            var pass = new DropoutPass<T>
            {
                Values = valuesPointer,
                Gate = gatePointer,
                Output = outputPointer,
                Mask = maskPointer,
                Length = values.Length,
                Relu = relu,
                DrawMask = stream is not null,
                Stream = stream.GetValueOrDefault(),
                Threshold = stream is null ? 0 : KeepThreshold(keepProb),
                Divide = divides,
                KeepProb = T.CreateTruncating(keepProb),
                Scale = T.CreateTruncating(TrainingScale(keepProb, scaling)),
                Width = width,
            };
            RangeRunner.Run(pass, MaskWordCount(values.Length), MinimumGroupsPerPartition, maxDegreeOfParallelism);
        }
    }
}
