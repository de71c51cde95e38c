using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DropoutLab.Numerics.Simd;

/// <summary>
/// The one loop every element-wise kernel runs on: whole registers of the chosen width from the start, then the
/// remaining elements one lane at a time with <see cref="Scalar{T}"/>. Because an operator is one generic body,
/// the tail performs the same operations as the vectors, and any width gives the same bits.
/// </summary>
internal static class SimdDriver
{
    /// <summary>Runs <paramref name="body"/> over elements [0, length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TBody>(int length, ref TBody body, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBody : IVectorBody<T>, allows ref struct
    {
        nuint n = (nuint)length;
        nuint done = width switch
        {
            SimdWidth.Vector512 => Loop<T, TBody, Simd512<T>>(n, ref body),
            SimdWidth.Vector256 => Loop<T, TBody, Simd256<T>>(n, ref body),
            SimdWidth.Vector128 => Loop<T, TBody, Simd128<T>>(n, ref body),
            _ => 0,
        };
        if (done < n)
        {
            Tail<T, TBody>(done, n, ref body);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tail<T, TBody>(nuint start, nuint n, ref TBody body)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBody : IVectorBody<T>, allows ref struct
    {
        for (nuint i = start; i < n; i++)
        {
            body.Invoke<Scalar<T>>(i);
        }
    }

    /// <summary>destinationᵢ = op(xᵢ); <paramref name="destination"/> may be <paramref name="x"/>.</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, Span<T> destination, TOp op, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        CheckLengths(x.Length, destination.Length);
        var body = new UnaryBody<T, TOp>(x, destination, op);
        Run<T, UnaryBody<T, TOp>>(x.Length, ref body, width);
    }

    /// <summary>destinationᵢ = op(xᵢ, yᵢ); <paramref name="destination"/> may be either input.</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination, TOp op, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        CheckLengths(x.Length, y.Length);
        CheckLengths(x.Length, destination.Length);
        var body = new BinaryBody<T, TOp>(x, y, destination, op);
        Run<T, BinaryBody<T, TOp>>(x.Length, ref body, width);
    }

    // One method per width, not inlined into Run: the body's whole inline budget goes to its own operators.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nuint Loop<T, TBody, TV>(nuint n, ref TBody body)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBody : IVectorBody<T>, allows ref struct
        where TV : unmanaged, IVector<TV, T>
    {
        nuint count = (nuint)TV.Count;
        nuint i = 0;
        for (; i + count <= n; i += count)
        {
            body.Invoke<TV>(i);
        }

        return i;
    }

    private static void CheckLengths(int expected, int actual)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"Span lengths differ: {expected}, {actual}.");
        }
    }

    private readonly ref struct UnaryBody<T, TOp>(ReadOnlySpan<T> x, Span<T> destination, TOp op) : IVectorBody<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        private readonly ref T _x = ref MemoryMarshal.GetReference(x);
        private readonly ref T _destination = ref MemoryMarshal.GetReference(destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TV>(nuint offset)
            where TV : unmanaged, IVector<TV, T>
            => TV.Store(op.Invoke(TV.Load(in _x, offset)), ref _destination, offset);
    }

    private readonly ref struct BinaryBody<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination, TOp op) : IVectorBody<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        private readonly ref T _x = ref MemoryMarshal.GetReference(x);
        private readonly ref T _y = ref MemoryMarshal.GetReference(y);
        private readonly ref T _destination = ref MemoryMarshal.GetReference(destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TV>(nuint offset)
            where TV : unmanaged, IVector<TV, T>
            => TV.Store(op.Invoke(TV.Load(in _x, offset), TV.Load(in _y, offset)), ref _destination, offset);
    }
}
