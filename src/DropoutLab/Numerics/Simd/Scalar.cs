using System.Numerics;
using System.Runtime.CompilerServices;

namespace DropoutLab.Numerics.Simd;

/// <summary>One lane: the reference form of every vector kernel, and the tail of every vector loop.</summary>
internal readonly struct Scalar<T> : IVector<Scalar<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T _value;

    private Scalar(T value) => _value = value;

    public static int Count => 1;

    public static Scalar<T> Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Create(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> CreateBits(ulong bits) => FromBits(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Load(ref readonly T source, nuint offset) => new(Unsafe.Add(ref Unsafe.AsRef(in source), offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Scalar<T> value, ref T destination, nuint offset) => Unsafe.Add(ref destination, offset) = value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(Scalar<T> value, int index) => value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReduceHalves(Scalar<T> value) => value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator +(Scalar<T> left, Scalar<T> right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator -(Scalar<T> left, Scalar<T> right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator *(Scalar<T> left, Scalar<T> right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator /(Scalar<T> left, Scalar<T> right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator -(Scalar<T> value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator &(Scalar<T> left, Scalar<T> right) => FromBits(ToBits(left) & ToBits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator |(Scalar<T> left, Scalar<T> right) => FromBits(ToBits(left) | ToBits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator ^(Scalar<T> left, Scalar<T> right) => FromBits(ToBits(left) ^ ToBits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> operator ~(Scalar<T> value) => FromBits(~ToBits(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Sqrt(Scalar<T> value) => new(T.Sqrt(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> CompareEqual(Scalar<T> left, Scalar<T> right) => Mask(left._value == right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> CompareLessThan(Scalar<T> left, Scalar<T> right) => Mask(left._value < right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> CompareLessThanOrEqual(Scalar<T> left, Scalar<T> right) => Mask(left._value <= right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> CompareGreaterThan(Scalar<T> left, Scalar<T> right) => Mask(left._value > right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> CompareGreaterThanOrEqual(Scalar<T> left, Scalar<T> right) => Mask(left._value >= right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> Select(Scalar<T> mask, Scalar<T> ifTrue, Scalar<T> ifFalse) => ToBits(mask) != 0 ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> LaneMask(ulong bits) => Mask((bits & 1) != 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyBitSet(Scalar<T> mask) => ToBits(mask) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> AddBits(Scalar<T> left, Scalar<T> right) => FromBits(ToBits(left) + ToBits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> SubtractBits(Scalar<T> left, Scalar<T> right) => FromBits(ToBits(left) - ToBits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> ShiftLeftBits(Scalar<T> value, int count) => FromBits(ToBits(value) << count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar<T> ShiftRightBits(Scalar<T> value, int count) => FromBits(ToBits(value) >> count);

    private static Scalar<T> Mask(bool condition) => condition ? FromBits(ulong.MaxValue) : default;

    // The lane's bit pattern, zero-extended to 64 bits for float.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToBits(Scalar<T> value)
    {
        T v = value._value;
        return typeof(T) == typeof(double) ? BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref v))
            : BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref v));
    }

    // The lane whose bit pattern is the low 64 (double) or 32 (float) bits of bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Scalar<T> FromBits(ulong bits)
    {
        if (typeof(T) == typeof(double))
        {
            double d = BitConverter.UInt64BitsToDouble(bits);
            return new(Unsafe.As<double, T>(ref d));
        }

        float f = BitConverter.UInt32BitsToSingle((uint)bits);
        return new(Unsafe.As<float, T>(ref f));
    }
}
