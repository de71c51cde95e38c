using System.Numerics;
using System.Runtime.InteropServices;
using DropoutLab.Numerics.Operators;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Numerics;

/// <summary>
/// Element-wise kernels the layers share. Each is an operator (Numerics/Operators) run by the one
/// <see cref="SimdDriver"/> at the widest accelerated width; every width gives the same bits. The overloads taking a
/// <see cref="SimdWidth"/> let tests force a width.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>dxᵢ = dyᵢ·[yᵢ &gt; 0] (the ReLU derivative read from the ReLU's output).</summary>
    public static void MaskByPositive<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => MaskByPositive(outputGradient, output, inputGradient, SimdWidths.Best);

    internal static void MaskByPositive<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(outputGradient, output, inputGradient, default(PositiveGateOperator<T>), width);

    /// <summary>
    /// yᵢ = max(xᵢ, 0) with the IEEE 754 maximum's edge cases (max(−0, 0) = +0, NaN stays NaN): the same bits as
    /// TensorPrimitives.Max(x, 0), as xᵢ if xᵢ &gt; 0 or xᵢ is NaN, else +0.
    /// </summary>
    public static void Relu<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Relu(input, output, SimdWidths.Best);

    internal static void Relu<T>(ReadOnlySpan<T> input, Span<T> output, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(input, output, default(ReluOperator<T>), width);

    /// <summary>yᵢ = λ·xᵢ for xᵢ &gt; 0, λα·(e^xᵢ − 1) otherwise (SELU), with the owned exponential.</summary>
    public static void Selu<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Selu(input, output, SimdWidths.Best);

    internal static void Selu<T>(ReadOnlySpan<T> input, Span<T> output, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(input, output, default(SeluOperator<T>), width);

    /// <summary>dxᵢ = dyᵢ·λ where yᵢ &gt; 0, dyᵢ·(yᵢ + λα) otherwise (SELU's derivative read from its output).</summary>
    public static void SeluDerivative<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SeluDerivative(outputGradient, output, inputGradient, SimdWidths.Best);

    internal static void SeluDerivative<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(outputGradient, output, inputGradient, default(SeluDerivativeOperator<T>), width);

    /// <summary>zᵢ = xᵢ − yᵢ.</summary>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            CheckLengths(x.Length, y.Length, destination.Length);
            PlainLoops.Subtract(PlainLoops.AsDouble(x), PlainLoops.AsDouble(y), PlainLoops.AsDouble(destination));
            return;
        }

        SimdDriver.Map(x, y, destination, default(SubtractOperator<T>), SimdWidths.Best);
    }

    /// <summary>zᵢ = xᵢ·yᵢ (the output may be either input).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(x, y, destination, default(MultiplyOperator<T>), SimdWidths.Best);

    /// <summary>yᵢ = xᵢ·xᵢ.</summary>
    public static void Square<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(x, x, destination, default(MultiplyOperator<T>), SimdWidths.Best);

    /// <summary>yᵢ = factor·xᵢ (output may be the input).</summary>
    public static void Scale<T>(ReadOnlySpan<T> x, T factor, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(x, destination, new ScaleOperator<T>(factor), SimdWidths.Best);

    /// <summary>yᵢ = xᵢ + addend (output may be the input).</summary>
    public static void AddScalar<T>(ReadOnlySpan<T> x, T addend, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(x, destination, new AddScalarOperator<T>(addend), SimdWidths.Best);

    /// <summary>yᵢ ← yᵢ + factor·xᵢ: a product, then a sum, never fused.</summary>
    public static void AddScaled<T>(ReadOnlySpan<T> x, T factor, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            CheckLengths(x.Length, y.Length, y.Length);
            PlainLoops.AddScaled(PlainLoops.AsDouble(x), PlainLoops.AsDouble(factor), PlainLoops.AsDouble(y));
            return;
        }

        AddScaled(x, factor, y, SimdWidths.Best);
    }

    internal static void AddScaled<T>(ReadOnlySpan<T> x, T factor, Span<T> y, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(x, y, y, new AxpyOperator<T>(factor), width);

    /// <summary>dxᵢ = dyᵢ·yᵢ·(1 − yᵢ) (the sigmoid derivative read from its output).</summary>
    public static void SigmoidDerivative<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> output, Span<T> inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(outputGradient, output, inputGradient, default(SigmoidDerivativeOperator<T>), SimdWidths.Best);

    /// <summary>
    /// aᵢ = 1 / (1 + e^(−zᵢ)), with <see cref="PortableMath"/>'s exponential: the same bits on every CPU, at every
    /// register width and wherever the buffers sit in memory.
    /// </summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> logits, Span<T> probabilities)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            CheckLengths(logits.Length, logits.Length, probabilities.Length);
            PlainLoops.Sigmoid(PlainLoops.AsDouble(logits), PlainLoops.AsDouble(probabilities));
            return;
        }

        Sigmoid(logits, probabilities, SimdWidths.Best);
    }

    internal static void Sigmoid<T>(ReadOnlySpan<T> logits, Span<T> probabilities, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => SimdDriver.Map(logits, probabilities, default(SigmoidOperator<T>), width);

    // The lengths SimdDriver.Map requires of the plain loops' spans.
    private static void CheckLengths(int x, int y, int destination)
    {
        if (x != y || x != destination)
        {
            throw new ArgumentException($"Span lengths differ: {x}, {y}, {destination}.");
        }
    }
}
