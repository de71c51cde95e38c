using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DropoutLab.Numerics.Simd;

/// <summary>A 128-bit register, <see cref="Vector128{T}"/>, seen through <see cref="IVector{TSelf, T}"/>.</summary>
internal readonly struct Simd128<T> : IVector<Simd128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector128<T> _value;

    private Simd128(Vector128<T> value) => _value = value;

    /// <summary>The register holding <paramref name="value"/>.</summary>
    internal static Simd128<T> FromVector(Vector128<T> value) => new(value);

    public static int Count => Vector128<T>.Count;

    public static Simd128<T> Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> Create(T value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> CreateBits(ulong bits) => typeof(T) == typeof(double)
        ? new(Vector128.Create(bits).As<ulong, T>())
        : new(Vector128.Create((uint)bits).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> Load(ref readonly T source, nuint offset) => new(Vector128.LoadUnsafe(in source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd128<T> value, ref T destination, nuint offset) => value._value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetElement(Simd128<T> value, int index) => value._value.GetElement(index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ReduceHalves(Simd128<T> value)
    {
        Vector128<T> v = value._value;
        if (Vector128<T>.Count == 2)
        {
            return v.GetElement(0) + v.GetElement(1);
        }

        // four lanes: (v₀ + v₂) + (v₁ + v₃)
        return (v.GetElement(0) + v.GetElement(2)) + (v.GetElement(1) + v.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator +(Simd128<T> left, Simd128<T> right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator -(Simd128<T> left, Simd128<T> right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator *(Simd128<T> left, Simd128<T> right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator /(Simd128<T> left, Simd128<T> right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator -(Simd128<T> value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator &(Simd128<T> left, Simd128<T> right) => new(left._value & right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator |(Simd128<T> left, Simd128<T> right) => new(left._value | right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator ^(Simd128<T> left, Simd128<T> right) => new(left._value ^ right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> operator ~(Simd128<T> value) => new(~value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> Sqrt(Simd128<T> value) => new(Vector128.Sqrt(value._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> CompareEqual(Simd128<T> left, Simd128<T> right) => new(Vector128.Equals(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> CompareLessThan(Simd128<T> left, Simd128<T> right) => new(Vector128.LessThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> CompareLessThanOrEqual(Simd128<T> left, Simd128<T> right) => new(Vector128.LessThanOrEqual(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> CompareGreaterThan(Simd128<T> left, Simd128<T> right) => new(Vector128.GreaterThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> CompareGreaterThanOrEqual(Simd128<T> left, Simd128<T> right) => new(Vector128.GreaterThanOrEqual(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> Select(Simd128<T> mask, Simd128<T> ifTrue, Simd128<T> ifFalse) => new(Vector128.ConditionalSelect(mask._value, ifTrue._value, ifFalse._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> LaneMask(ulong bits)
    {
        if (typeof(T) == typeof(double))
        {
            Vector128<ulong> lanes = Vector128.Create(0x1UL, 0x2);
            return new(Vector128.Equals(Vector128.Create(bits) & lanes, lanes).As<ulong, T>());
        }

        Vector128<uint> words = Vector128.Create(0x1u, 0x2, 0x4, 0x8);
        return new(Vector128.Equals(Vector128.Create((uint)bits) & words, words).As<uint, T>());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyBitSet(Simd128<T> mask) => mask._value.AsUInt64() != Vector128<ulong>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> AddBits(Simd128<T> left, Simd128<T> right) => typeof(T) == typeof(double)
        ? new((left._value.AsUInt64() + right._value.AsUInt64()).As<ulong, T>())
        : new((left._value.AsUInt32() + right._value.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> SubtractBits(Simd128<T> left, Simd128<T> right) => typeof(T) == typeof(double)
        ? new((left._value.AsUInt64() - right._value.AsUInt64()).As<ulong, T>())
        : new((left._value.AsUInt32() - right._value.AsUInt32()).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> ShiftLeftBits(Simd128<T> value, int count) => typeof(T) == typeof(double)
        ? new(Vector128.ShiftLeft(value._value.AsUInt64(), count).As<ulong, T>())
        : new(Vector128.ShiftLeft(value._value.AsUInt32(), count).As<uint, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128<T> ShiftRightBits(Simd128<T> value, int count) => typeof(T) == typeof(double)
        ? new(Vector128.ShiftRightLogical(value._value.AsUInt64(), count).As<ulong, T>())
        : new(Vector128.ShiftRightLogical(value._value.AsUInt32(), count).As<uint, T>());
}
