using System.Numerics;
using System.Runtime.InteropServices;
using DropoutLab.Layers;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class DropoutKernelTests
{
    private static readonly DropoutStream Stream = new(Seed: 0x5EED_1234_ABCDUL, Step: 7, Layer: 2);

    private static float[] Activations(int length, int seed)
    {
        var random = new System.Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 4.0) - 2.0);
        }

        if (length > 3)
        {
            values[0] = 0f;
            values[1] = -0f;
            values[2] = float.NaN;
        }

        return values;
    }

    private static double[] Widen(float[] values) => Array.ConvertAll(values, v => (double)v);

    private static void AssertBitwiseEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }

    private static void AssertBitwiseEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }

    public static TheoryData<int, double, DropoutScaling> Cases()
    {
        var data = new TheoryData<int, double, DropoutScaling>();
        foreach (int length in new[] { 0, 1, 5, 63, 64, 65, 1000, 70_001 })
        {
            foreach (double keepProb in new[] { 0.1, 0.5, 0.8, 1.0 })
            {
                data.Add(length, keepProb, length % 3 == 0 ? DropoutScaling.AtInference : DropoutScaling.Inverted);
            }
        }

        data.Add(1000, 0.7, DropoutScaling.None);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_float_kernels_match_the_reference_bit_for_bit(int length, double keepProb, DropoutScaling scaling)
    {
        float[] z = Activations(length, length);
        float[] dy = Activations(length, length + 1);
        int words = DropoutKernel.MaskWordCount(length);

        foreach (bool relu in new[] { true, false })
        {
            var fast = new float[length];
            var reference = new float[length];
            var fastMask = new ulong[words];
            var referenceMask = new ulong[words];
            if (relu)
            {
                DropoutKernel.ReluForward(z, fast, fastMask, keepProb, Stream, scaling);
                DropoutKernelReference.ReluForward(z, reference, referenceMask, keepProb, Stream, scaling);
            }
            else
            {
                DropoutKernel.Forward(z, fast, fastMask, keepProb, Stream, scaling);
                DropoutKernelReference.Forward(z, reference, referenceMask, keepProb, Stream, scaling);
            }

            Assert.Equal(referenceMask, fastMask);
            AssertBitwiseEqual(reference, fast);

            var fastGradient = new float[length];
            var referenceGradient = new float[length];
            if (relu)
            {
                DropoutKernel.ReluBackward(z, dy, fastMask, fastGradient, keepProb, scaling);
                DropoutKernelReference.ReluBackward(z, dy, referenceMask, referenceGradient, keepProb, scaling);
            }
            else
            {
                DropoutKernel.Backward(dy, fastMask, fastGradient, keepProb, scaling);
                DropoutKernelReference.Backward(dy, referenceMask, referenceGradient, keepProb, scaling);
            }

            AssertBitwiseEqual(referenceGradient, fastGradient);
        }
    }

    [Theory]
    [InlineData(1000, 0.5)]
    [InlineData(70_001, 0.8)]
    public void Fast_double_kernels_match_the_reference_bit_for_bit(int length, double keepProb)
    {
        double[] z = Widen(Activations(length, 3));
        int words = DropoutKernel.MaskWordCount(length);
        var fast = new double[length];
        var reference = new double[length];
        var fastMask = new ulong[words];
        var referenceMask = new ulong[words];

        DropoutKernel.ReluForward(z, fast, fastMask, keepProb, Stream);
        DropoutKernelReference.ReluForward(z, reference, referenceMask, keepProb, Stream, DropoutScaling.Inverted);
        Assert.Equal(referenceMask, fastMask);
        AssertBitwiseEqual(reference, fast);

        DropoutKernel.Forward(z, fast, fastMask, keepProb, Stream, DropoutScaling.None);
        DropoutKernelReference.Forward(z, reference, referenceMask, keepProb, Stream, DropoutScaling.None);
        Assert.Equal(referenceMask, fastMask);
        AssertBitwiseEqual(reference, fast);

        var gradient = new double[length];
        DropoutKernel.Backward(z, fastMask, gradient, keepProb, DropoutScaling.None);
        for (int e = 0; e < length; e++)
        {
            bool kept = ((fastMask[e / 64] >> (e % 64)) & 1) != 0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(kept ? z[e] : 0.0), BitConverter.DoubleToInt64Bits(gradient[e]));
        }
    }

    [Theory]
    [InlineData(0.05, 1u)]
    [InlineData(0.3, 2u)]
    [InlineData(0.5, 3u)]
    [InlineData(0.8, 4u)]
    [InlineData(0.99, 5u)]
    public void Fraction_kept_is_within_five_sigma_of_keepProb(double keepProb, uint layer)
    {
        const int Length = 1 << 20;
        var mask = new ulong[DropoutKernel.MaskWordCount(Length)];
        var output = new float[Length];
        DropoutKernel.Forward(new float[Length], output, mask, keepProb, new DropoutStream(42, 1, layer));

        long kept = mask.Sum(word => (long)BitOperations.PopCount(word));
        double sigma = Math.Sqrt(Length * keepProb * (1 - keepProb));
        Assert.InRange(kept, (Length * keepProb) - (5 * sigma), (Length * keepProb) + (5 * sigma));
    }

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public bool Fast_relu_forward_matches_reference_for_any_stream(ulong seed, ulong step, uint layer, ushort rawLength, byte rawKeep)
    {
        int length = rawLength % 3000;
        double keepProb = (rawKeep + 1) / 256.0;
        var stream = new DropoutStream(seed, step, layer);
        float[] z = Activations(length, rawLength);
        var fast = new float[length];
        var reference = new float[length];
        var fastMask = new ulong[DropoutKernel.MaskWordCount(length)];
        var referenceMask = new ulong[fastMask.Length];
        DropoutKernel.ReluForward(z, fast, fastMask, keepProb, stream);
        DropoutKernelReference.ReluForward(z, reference, referenceMask, keepProb, stream, DropoutScaling.Inverted);
        return fastMask.AsSpan().SequenceEqual(referenceMask)
            && MemoryMarshal.AsBytes(fast.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(reference.AsSpan()));
    }

    [Fact]
    public void KeepProb_one_is_the_identity()
    {
        float[] a = Activations(1000, 9);
        var y = new float[a.Length];
        var mask = new ulong[DropoutKernel.MaskWordCount(a.Length)];

        DropoutKernel.Forward(a, y, mask, 1.0, Stream);
        AssertBitwiseEqual(a, y);
        Assert.Equal(1000, mask.Sum(word => BitOperations.PopCount(word)));

        DropoutKernel.ReluForward(a, y, mask, 1.0, Stream);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i] > 0 ? a[i] : 0f, y[i]);
        }
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Inverted_dropout_preserves_the_mean(double keepProb)
    {
        const int Length = 1 << 18;
        var random = new System.Random(11);
        var a = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            a[i] = (float)random.NextDouble();
        }

        var y = new float[Length];
        DropoutKernel.Forward(a, y, new ulong[DropoutKernel.MaskWordCount(Length)], keepProb, Stream);

        double meanIn = a.Average(v => (double)v);
        double meanOut = y.Average(v => (double)v);
        // Var(y_e) = a_e²(1 − keepProb)/keepProb, so the mean's standard error is √(Σ a_e² (1 − q)/q) / n.
        double standardError = Math.Sqrt(a.Sum(v => (double)v * v) * (1 - keepProb) / keepProb) / Length;
        Assert.InRange(meanOut, meanIn - (5 * standardError), meanIn + (5 * standardError));
    }

    [Fact]
    public void Masks_and_outputs_are_identical_on_one_and_two_threads()
    {
        const int Length = 1 << 20;
        float[] z = Activations(Length, 5);
        var serial = new float[Length];
        var parallel = new float[Length];
        var serialMask = new ulong[DropoutKernel.MaskWordCount(Length)];
        var parallelMask = new ulong[serialMask.Length];

        DropoutKernel.ReluForward(z, serial, serialMask, 0.6, Stream, maxDegreeOfParallelism: 1);
        DropoutKernel.ReluForward(z, parallel, parallelMask, 0.6, Stream, maxDegreeOfParallelism: 2);
        Assert.Equal(serialMask, parallelMask);
        AssertBitwiseEqual(serial, parallel);

        DropoutKernel.ReluBackward(z, z, serialMask, serial, 0.6, maxDegreeOfParallelism: 1);
        DropoutKernel.ReluBackward(z, z, parallelMask, parallel, 0.6, maxDegreeOfParallelism: 2);
        AssertBitwiseEqual(serial, parallel);
    }

    [Fact]
    public void Mask_of_an_element_does_not_depend_on_buffer_length()
    {
        var shortMask = new ulong[DropoutKernel.MaskWordCount(100)];
        var longMask = new ulong[DropoutKernel.MaskWordCount(100_000)];
        DropoutKernel.Forward(new float[100], new float[100], shortMask, 0.5, Stream);
        DropoutKernel.Forward(new float[100_000], new float[100_000], longMask, 0.5, Stream);

        Assert.Equal(longMask[0], shortMask[0]);
        Assert.Equal(longMask[1] & ((1UL << 36) - 1), shortMask[1]);
        for (int e = 0; e < 100; e++)
        {
            Assert.Equal(DropoutKernelReference.Keeps(Stream, 0.5, e), ((shortMask[e / 64] >> (e % 64)) & 1) != 0);
        }
    }

    [Fact]
    public void Backward_uses_the_forward_mask()
    {
        const int Length = 5000;
        float[] z = Activations(Length, 8);
        var y = new float[Length];
        var mask = new ulong[DropoutKernel.MaskWordCount(Length)];
        DropoutKernel.ReluForward(z, y, mask, 0.5, Stream);

        var ones = Enumerable.Repeat(1f, Length).ToArray();
        var dz = new float[Length];
        DropoutKernel.ReluBackward(z, ones, mask, dz, 0.5);
        for (int e = 0; e < Length; e++)
        {
            Assert.Equal(y[e] > 0 ? 2f : 0f, dz[e]);
        }

        DropoutKernel.Forward(z, y, mask, 0.5, Stream, DropoutScaling.None);
        DropoutKernel.Backward(ones, mask, dz, 0.5, DropoutScaling.None);
        for (int e = 0; e < Length; e++)
        {
            bool kept = ((mask[e / 64] >> (e % 64)) & 1) != 0;
            Assert.Equal(kept ? 1f : 0f, dz[e]);
            Assert.Equal(kept ? z[e] : 0f, y[e]);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.25)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void KeepProb_outside_unit_interval_is_rejected_naming_the_value(double keepProb)
    {
        var buffer = new float[8];
        var mask = new ulong[1];
        var forward = Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.ReluForward(buffer, buffer, mask, keepProb, Stream));
        Assert.Equal("keepProb", forward.ParamName);
        Assert.Contains(keepProb.ToString(System.Globalization.CultureInfo.InvariantCulture), forward.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.Backward(buffer, mask, buffer, keepProb));
    }

    [Fact]
    public void Mismatched_buffers_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DropoutKernel.Forward(new float[10], new float[9], new ulong[1], 0.5, Stream));
        Assert.Throws<ArgumentException>(() => DropoutKernel.Forward(new float[65], new float[65], new ulong[1], 0.5, Stream));
    }

    [Fact]
    public void Shape_checks_name_the_buffer_and_give_both_lengths()
    {
        var output = Assert.Throws<ArgumentException>(() => DropoutKernel.Forward(new float[10], new float[9], new ulong[1], 0.5, Stream));
        Assert.Equal("output", output.ParamName);
        Assert.StartsWith("output has 9 elements but the input has 10.", output.Message, StringComparison.Ordinal);

        var gate = Assert.Throws<ArgumentException>(() => DropoutKernel.ReluBackward(new float[9], new float[10], new ulong[1], new float[10], 0.5));
        Assert.Equal("gate", gate.ParamName);
        Assert.StartsWith("gate has 9 elements but the input has 10.", gate.Message, StringComparison.Ordinal);

        var mask = Assert.Throws<ArgumentException>(() => DropoutKernel.Forward(new float[129], new float[129], new ulong[2], 0.5, Stream));
        Assert.Equal("mask", mask.ParamName);
        Assert.StartsWith("mask has 2 words but 129 elements need 3.", mask.Message, StringComparison.Ordinal);

        // Exactly enough words, and more than enough, are accepted; the words past the last are not written.
        DropoutKernel.Forward(new float[128], new float[128], new ulong[2], 0.5, Stream);
        var longer = new ulong[] { 0, 0, 0, 0xDEAD };
        DropoutKernel.Forward(new float[128], new float[128], longer, 0.5, Stream);
        Assert.Equal(new ulong[] { 0, 0xDEAD }, longer[2..]);
    }

    [Fact]
    public void Shape_checks_hold_for_double_buffers_too()
    {
        var output = Assert.Throws<ArgumentException>(() => DropoutKernel.Backward(new double[10], new ulong[1], new double[11], 0.5));
        Assert.Equal("output", output.ParamName);
        Assert.StartsWith("output has 11 elements but the input has 10.", output.Message, StringComparison.Ordinal);
        var mask = Assert.Throws<ArgumentException>(() => DropoutKernel.Backward(new double[65], new ulong[1], new double[65], 0.5));
        Assert.Equal("mask", mask.ParamName);
        var keep = Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.Backward(new double[1], new ulong[1], new double[1], 0.0));
        Assert.Equal("keepProb", keep.ParamName);
        Assert.StartsWith("keepProb must be in (0, 1], but got 0.", keep.Message, StringComparison.Ordinal);
        Assert.Equal(0.0, keep.ActualValue);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(63, 1)]
    [InlineData(64, 1)]
    [InlineData(65, 2)]
    [InlineData(int.MaxValue, 33_554_432)]
    public void Mask_word_count_is_the_ceiling_of_length_over_64(int elements, int words) =>
        Assert.Equal(words, DropoutKernel.MaskWordCount(elements));

    [Fact]
    public void Negative_lengths_and_keepProb_edges_are_checked()
    {
        Assert.Equal("elementCount", Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.MaskWordCount(-1)).ParamName);
        foreach (double keepProb in new[] { 0.0, -1e-300, 1.0 + 1e-15, double.NaN, double.PositiveInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.KeepThreshold(keepProb));
            Assert.Equal("keepProb", error.ParamName);
            Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.TrainingScale(keepProb, DropoutScaling.Inverted));
            Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.InferenceScale(keepProb, DropoutScaling.AtInference));
        }

        // The smallest positive keepProb and 1 are inside (0, 1].
        Assert.Equal(1UL, DropoutKernel.KeepThreshold(double.Epsilon));
        Assert.Equal(1UL << 32, DropoutKernel.KeepThreshold(1.0));
        Assert.Equal((1UL << 32) - 1, DropoutKernel.KeepThreshold(1.0 - (1.0 / 4294967296.0)));
        // round-half-to-even of keepProb·2^32 = 2.5 and 3.5
        Assert.Equal(2UL, DropoutKernel.KeepThreshold(2.5 / 4294967296.0));
        Assert.Equal(4UL, DropoutKernel.KeepThreshold(3.5 / 4294967296.0));
        Assert.Equal(1.0, DropoutKernel.TrainingScale(1.0, DropoutScaling.Inverted));
        Assert.Equal(1.0, DropoutKernel.TrainingScale(0.25, DropoutScaling.None));
        Assert.Equal(4.0, DropoutKernel.TrainingScale(0.25, DropoutScaling.Inverted));
        Assert.Equal(1.0, DropoutKernel.InferenceScale(0.25, DropoutScaling.Inverted));
        Assert.Equal(0.25, DropoutKernel.InferenceScale(0.25, DropoutScaling.AtInference));
    }

    // Lengths 0, 1, w − 1, w, w + 1 around every vector width in elements (4, 8, 16, 32, 64) and the 64-bit mask word,
    // at every register width the machine has: same bits as the reference, unused mask bits zero.
    public static TheoryData<int> TailLengths()
    {
        var data = new TheoryData<int>();
        foreach (int length in new[] { 0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129 })
        {
            data.Add(length);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TailLengths))]
    public void Tails_around_every_vector_width_match_the_reference(int length)
    {
        float[] z = Activations(length, length + 1);
        float[] dy = Activations(length, length + 2);
        var referenceY = new float[length];
        var referenceMask = new ulong[DropoutKernel.MaskWordCount(length)];
        DropoutKernelReference.ReluForward(z, referenceY, referenceMask, 0.5, Stream, DropoutScaling.Inverted);
        var referenceGradient = new float[length];
        DropoutKernelReference.ReluBackward(z, dy, referenceMask, referenceGradient, 0.5, DropoutScaling.Inverted);

        foreach (Numerics.Simd.SimdWidth width in Numerics.Simd.SimdWidths.Supported)
        {
            // One spare mask word and output element past the end: neither may be touched.
            var y = new float[length + 1];
            y[length] = 7f;
            var mask = new ulong[referenceMask.Length + 1];
            mask[^1] = 0xFFFF_FFFF_FFFF_FFFFUL;
            DropoutKernel.Run<float>(z, z, y.AsSpan(0, length), mask, Stream, 0.5, DropoutScaling.Inverted, relu: true, divide: false, 1, width);
            AssertBitwiseEqual(referenceY, y.AsSpan(0, length));
            Assert.Equal(7f, y[length]);
            Assert.Equal(referenceMask, mask[..^1]);
            Assert.Equal(0xFFFF_FFFF_FFFF_FFFFUL, mask[^1]);
            if (length % 64 != 0)
            {
                Assert.Equal(0UL, mask[^2] >> (length % 64));
            }

            var gradient = new float[length + 1];
            gradient[length] = 7f;
            DropoutKernel.Run<float>(dy, z, gradient.AsSpan(0, length), mask, null, 0.5, DropoutScaling.Inverted, relu: true, divide: false, 1, width);
            AssertBitwiseEqual(referenceGradient, gradient.AsSpan(0, length));
            Assert.Equal(7f, gradient[length]);
        }
    }

    [Fact]
    public void Plain_double_loops_check_arguments_and_divide_only_under_the_inverted_rule()
    {
        double[] a = Widen(Activations(100, 21));
        a[2] = 0.75; // no NaN: the expected values below are compared with ==
        var mask = new ulong[DropoutKernel.MaskWordCount(a.Length)];
        DropoutKernel.Forward(a, new double[a.Length], mask, 0.5, Stream);

        Numerics.PlainLoops.ForcedOnThisThread = true;
        try
        {
            var output = Assert.Throws<ArgumentException>(() => DropoutKernel.Backward(new double[10], new ulong[1], new double[11], 0.5));
            Assert.Equal("output", output.ParamName);
            var gate = Assert.Throws<ArgumentException>(() => DropoutKernel.ReluBackward(new double[9], new double[10], new ulong[1], new double[10], 0.5));
            Assert.Equal("gate", gate.ParamName);
            Assert.Equal("mask", Assert.Throws<ArgumentException>(() => DropoutKernel.Backward(new double[65], new ulong[1], new double[65], 0.5)).ParamName);
            Assert.Equal("keepProb", Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.Backward(new double[1], new ulong[1], new double[1], 1.5)).ParamName);

            // divide asks for aₑ/keepProb only under the inverted rule; without scaling y = m·a.
            var y = new double[a.Length];
            DropoutKernel.Run<double>(a, a, y, mask, null, 0.5, DropoutScaling.None, relu: false, divide: true, 1);
            var divided = new double[a.Length];
            DropoutKernel.Run<double>(a, a, divided, mask, null, 0.5, DropoutScaling.Inverted, relu: false, divide: true, 1);
            for (int e = 0; e < a.Length; e++)
            {
                bool kept = ((mask[e / 64] >> (e % 64)) & 1) != 0;
                Assert.Equal(kept ? a[e] : 0.0, y[e]);
                Assert.Equal(kept ? a[e] / 0.5 : 0.0, divided[e]);
            }

            // In place (output = input), the plain loops apply the mask and scale once: dz = dy·m·2, not dy·m·4.
            double[] inPlace = (double[])a.Clone();
            DropoutKernel.Backward(inPlace, mask, inPlace, 0.5);
            for (int e = 0; e < a.Length; e++)
            {
                bool kept = ((mask[e / 64] >> (e % 64)) & 1) != 0;
                Assert.Equal(kept ? a[e] * 2.0 : 0.0, inPlace[e]);
            }
        }
        finally
        {
            Numerics.PlainLoops.ForcedOnThisThread = false;
        }
    }

    [Fact]
    public void Different_steps_layers_and_seeds_give_different_masks()
    {
        static ulong[] MaskOf(DropoutStream stream)
        {
            var mask = new ulong[DropoutKernel.MaskWordCount(4096)];
            DropoutKernel.Forward(new float[4096], new float[4096], mask, 0.5, stream);
            return mask;
        }

        ulong[] baseline = MaskOf(Stream);
        Assert.Equal(baseline, MaskOf(Stream));
        Assert.NotEqual(baseline, MaskOf(Stream with { Step = Stream.Step + 1 }));
        Assert.NotEqual(baseline, MaskOf(Stream with { Step = Stream.Step + (1UL << 32) }));
        Assert.NotEqual(baseline, MaskOf(Stream with { Layer = Stream.Layer + 1 }));
        Assert.NotEqual(baseline, MaskOf(Stream with { Seed = Stream.Seed + 1 }));
    }

    [Fact]
    public void Keep_threshold_rounds_keepProb_times_two_to_the_32()
    {
        Assert.Equal(1UL << 32, DropoutKernel.KeepThreshold(1.0));
        Assert.Equal(1UL << 31, DropoutKernel.KeepThreshold(0.5));
        Assert.Equal(1UL, DropoutKernel.KeepThreshold(1e-12));
        Assert.Equal(2.0, DropoutKernel.TrainingScale(0.5, DropoutScaling.Inverted));
        Assert.Equal(1.0, DropoutKernel.TrainingScale(0.5, DropoutScaling.AtInference));
        Assert.Equal(0.5, DropoutKernel.InferenceScale(0.5, DropoutScaling.AtInference));
        Assert.Equal(1.0, DropoutKernel.InferenceScale(0.5, DropoutScaling.None));
    }

    [Fact]
    public void Steady_state_calls_do_not_allocate()
    {
        const int Length = 1 << 17;
        var z = new float[Length];
        var y = new float[Length];
        var mask = new ulong[DropoutKernel.MaskWordCount(Length)];
        for (int warmup = 0; warmup < 3; warmup++)
        {
            DropoutKernel.ReluForward(z, y, mask, 0.5, Stream, maxDegreeOfParallelism: 1);
            DropoutKernel.ReluForward(z, y, mask, 0.5, Stream);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        DropoutKernel.ReluForward(z, y, mask, 0.5, Stream, maxDegreeOfParallelism: 1);
        DropoutKernel.ReluBackward(z, y, mask, z, 0.5, maxDegreeOfParallelism: 1);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
