using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DropoutLab.Numerics.Simd;

/// <summary>A 256-bit register, <see cref="Vector256{T}"/>, seen through <see cref="IVector{TSelf, T}"/>.</summary>
internal readonly struct Simd256<T> : IVector<Simd256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector256<T> _value;

    private Simd256(Vector256<T> value) => _value = value;

    /// <summary>The register holding <paramref name="value"/>.</summary>
    internal static Simd256<T> FromVector(Vector256<T> value) => new(value);

    public static int Count => Vector256<T>.Count;

    public static Simd256<T> Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> Create(T value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> CreateBits(ulong bits) => typeof(T) == typeof(double)
        ? new(Vector256.Create(bits).As<ulong, T>())
        : new(Vector256.Create((uint)bits).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> Load(ref readonly T source, nuint offset) => new(Vector256.LoadUnsafe(in source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd256<T> value, ref T destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(Simd256<T> value, int index) => value._value.GetElement(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReduceHalves(Simd256<T> value) => Simd128<T>.ReduceHalves(Simd128<T>.FromVector(value._value.GetLower() + value._value.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator +(Simd256<T> left, Simd256<T> right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator -(Simd256<T> left, Simd256<T> right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator *(Simd256<T> left, Simd256<T> right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator /(Simd256<T> left, Simd256<T> right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator -(Simd256<T> value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator &(Simd256<T> left, Simd256<T> right) => new(left._value & right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator |(Simd256<T> left, Simd256<T> right) => new(left._value | right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator ^(Simd256<T> left, Simd256<T> right) => new(left._value ^ right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> operator ~(Simd256<T> value) => new(~value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> Sqrt(Simd256<T> value) => new(Vector256.Sqrt(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> CompareEqual(Simd256<T> left, Simd256<T> right) => new(Vector256.Equals(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> CompareLessThan(Simd256<T> left, Simd256<T> right) => new(Vector256.LessThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> CompareLessThanOrEqual(Simd256<T> left, Simd256<T> right) => new(Vector256.LessThanOrEqual(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> CompareGreaterThan(Simd256<T> left, Simd256<T> right) => new(Vector256.GreaterThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> CompareGreaterThanOrEqual(Simd256<T> left, Simd256<T> right) => new(Vector256.GreaterThanOrEqual(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> Select(Simd256<T> mask, Simd256<T> ifTrue, Simd256<T> ifFalse) => new(Vector256.ConditionalSelect(mask._value, ifTrue._value, ifFalse._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> LaneMask(ulong bits)
    {
        if (typeof(T) == typeof(double))
        {
            Vector256<ulong> lanes = Vector256.Create(0x1UL, 0x2, 0x4, 0x8);
            return new(Vector256.Equals(Vector256.Create(bits) & lanes, lanes).As<ulong, T>());
        }

        Vector256<uint> words = Vector256.Create(0x1u, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80);
        return new(Vector256.Equals(Vector256.Create((uint)bits) & words, words).As<uint, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyBitSet(Simd256<T> mask) => mask._value.AsUInt64() != Vector256<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> AddBits(Simd256<T> left, Simd256<T> right) => typeof(T) == typeof(double)
        ? new((left._value.AsUInt64() + right._value.AsUInt64()).As<ulong, T>())
        : new((left._value.AsUInt32() + right._value.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> SubtractBits(Simd256<T> left, Simd256<T> right) => typeof(T) == typeof(double)
        ? new((left._value.AsUInt64() - right._value.AsUInt64()).As<ulong, T>())
        : new((left._value.AsUInt32() - right._value.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> ShiftLeftBits(Simd256<T> value, int count) => typeof(T) == typeof(double)
        ? new(Vector256.ShiftLeft(value._value.AsUInt64(), count).As<ulong, T>())
        : new(Vector256.ShiftLeft(value._value.AsUInt32(), count).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256<T> ShiftRightBits(Simd256<T> value, int count) => typeof(T) == typeof(double)
        ? new(Vector256.ShiftRightLogical(value._value.AsUInt64(), count).As<ulong, T>())
        : new(Vector256.ShiftRightLogical(value._value.AsUInt32(), count).As<uint, T>());
}
