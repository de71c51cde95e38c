using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DropoutLab.Numerics.Simd;

/// <summary>A 512-bit register, <see cref="Vector512{T}"/>, seen through <see cref="IVector{TSelf, T}"/>.</summary>
internal readonly struct Simd512<T> : IVector<Simd512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector512<T> _value;

    private Simd512(Vector512<T> value) => _value = value;

    public static int Count => Vector512<T>.Count;

    public static Simd512<T> Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> Create(T value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> CreateBits(ulong bits) => typeof(T) == typeof(double)
        ? new(Vector512.Create(bits).As<ulong, T>())
        : new(Vector512.Create((uint)bits).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> Load(ref readonly T source, nuint offset) => new(Vector512.LoadUnsafe(in source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd512<T> value, ref T destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(Simd512<T> value, int index) => value._value.GetElement(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReduceHalves(Simd512<T> value) => Simd256<T>.ReduceHalves(Simd256<T>.FromVector(value._value.GetLower() + value._value.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator +(Simd512<T> left, Simd512<T> right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator -(Simd512<T> left, Simd512<T> right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator *(Simd512<T> left, Simd512<T> right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator /(Simd512<T> left, Simd512<T> right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator -(Simd512<T> value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator &(Simd512<T> left, Simd512<T> right) => new(left._value & right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator |(Simd512<T> left, Simd512<T> right) => new(left._value | right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator ^(Simd512<T> left, Simd512<T> right) => new(left._value ^ right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> operator ~(Simd512<T> value) => new(~value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> Sqrt(Simd512<T> value) => new(Vector512.Sqrt(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> CompareEqual(Simd512<T> left, Simd512<T> right) => new(Vector512.Equals(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> CompareLessThan(Simd512<T> left, Simd512<T> right) => new(Vector512.LessThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> CompareLessThanOrEqual(Simd512<T> left, Simd512<T> right) => new(Vector512.LessThanOrEqual(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> CompareGreaterThan(Simd512<T> left, Simd512<T> right) => new(Vector512.GreaterThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> CompareGreaterThanOrEqual(Simd512<T> left, Simd512<T> right) => new(Vector512.GreaterThanOrEqual(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> Select(Simd512<T> mask, Simd512<T> ifTrue, Simd512<T> ifFalse) => new(Vector512.ConditionalSelect(mask._value, ifTrue._value, ifFalse._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> LaneMask(ulong bits)
    {
        if (typeof(T) == typeof(double))
        {
            Vector512<ulong> lanes = Vector512.Create(0x1UL, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80);
            return new(Vector512.Equals(Vector512.Create(bits) & lanes, lanes).As<ulong, T>());
        }

        Vector512<uint> words = Vector512.Create(0x1u, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x8000);
        return new(Vector512.Equals(Vector512.Create((uint)bits) & words, words).As<uint, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyBitSet(Simd512<T> mask) => mask._value.AsUInt64() != Vector512<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> AddBits(Simd512<T> left, Simd512<T> right) => typeof(T) == typeof(double)
        ? new((left._value.AsUInt64() + right._value.AsUInt64()).As<ulong, T>())
        : new((left._value.AsUInt32() + right._value.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> SubtractBits(Simd512<T> left, Simd512<T> right) => typeof(T) == typeof(double)
        ? new((left._value.AsUInt64() - right._value.AsUInt64()).As<ulong, T>())
        : new((left._value.AsUInt32() - right._value.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> ShiftLeftBits(Simd512<T> value, int count) => typeof(T) == typeof(double)
        ? new(Vector512.ShiftLeft(value._value.AsUInt64(), count).As<ulong, T>())
        : new(Vector512.ShiftLeft(value._value.AsUInt32(), count).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512<T> ShiftRightBits(Simd512<T> value, int count) => typeof(T) == typeof(double)
        ? new(Vector512.ShiftRightLogical(value._value.AsUInt64(), count).As<ulong, T>())
        : new(Vector512.ShiftRightLogical(value._value.AsUInt32(), count).As<uint, T>());
}
