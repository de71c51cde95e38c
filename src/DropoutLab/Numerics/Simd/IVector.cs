using System.Numerics;

namespace DropoutLab.Numerics.Simd;

/// <summary>
/// A register of <see cref="Count"/> lanes of <typeparamref name="T"/> with the operations the kernels are written
/// in. <see cref="Scalar{T}"/> (one lane), <see cref="Simd128{T}"/>, <see cref="Simd256{T}"/> and
/// <see cref="Simd512{T}"/> implement it, so one generic kernel body serves every width: the width-specialised copies
/// the JIT makes perform the same IEEE 754 operations lane by lane, and therefore agree bit for bit.
/// </summary>
/// <remarks>
/// There is deliberately no fused multiply–add: on x86 without FMA hardware it would be emulated in software, so a
/// kernel either fuses everywhere (the float32 GEMM) or, as here, nowhere. The "bits" operations treat each lane as an
/// unsigned integer of the same size (64 bits for double, 32 for float), for exponent arithmetic in exp and log.
/// </remarks>
/// <typeparam name="TSelf">The implementing register type.</typeparam>
/// <typeparam name="T">The lane type, float or double.</typeparam>
internal interface IVector<TSelf, T>
    where TSelf : unmanaged, IVector<TSelf, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Lanes per register.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes +0.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>All lanes <paramref name="value"/>.</summary>
    static abstract TSelf Create(T value);

    /// <summary>All lanes hold the bit pattern <paramref name="bits"/> (its low 32 bits for float lanes).</summary>
    static abstract TSelf CreateBits(ulong bits);

    /// <summary>Lanes source[offset .. offset + Count).</summary>
    static abstract TSelf Load(ref readonly T source, nuint offset);

    /// <summary>destination[offset .. offset + Count) ← lanes.</summary>
    static abstract void Store(TSelf value, ref T destination, nuint offset);

    /// <summary>Lane <paramref name="index"/>.</summary>
    static abstract T GetElement(TSelf value, int index);

    /// <summary>
    /// The sum of the lanes folded in halves: lanes l and l + Count/2 are added, then the same on the lower half, down
    /// to one lane — a fixed tree, so a register's lanes and the same values in narrower registers sum alike.
    /// </summary>
    static abstract T ReduceHalves(TSelf value);

    /// <summary>Lane-wise IEEE sum.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane-wise IEEE difference.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane-wise IEEE product.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Lane-wise IEEE quotient.</summary>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Lane-wise negation (flips the sign bit).</summary>
    static abstract TSelf operator -(TSelf value);

    /// <summary>Bitwise and.</summary>
    static abstract TSelf operator &(TSelf left, TSelf right);

    /// <summary>Bitwise or.</summary>
    static abstract TSelf operator |(TSelf left, TSelf right);

    /// <summary>Bitwise exclusive or.</summary>
    static abstract TSelf operator ^(TSelf left, TSelf right);

    /// <summary>Bitwise complement.</summary>
    static abstract TSelf operator ~(TSelf value);

    /// <summary>Lane-wise correctly rounded square root.</summary>
    static abstract TSelf Sqrt(TSelf value);

    /// <summary>All ones where left = right (false for NaN), else all zeros.</summary>
    static abstract TSelf CompareEqual(TSelf left, TSelf right);

    /// <summary>All ones where left &lt; right, else all zeros.</summary>
    static abstract TSelf CompareLessThan(TSelf left, TSelf right);

    /// <summary>All ones where left ≤ right, else all zeros.</summary>
    static abstract TSelf CompareLessThanOrEqual(TSelf left, TSelf right);

    /// <summary>All ones where left &gt; right, else all zeros.</summary>
    static abstract TSelf CompareGreaterThan(TSelf left, TSelf right);

    /// <summary>All ones where left ≥ right, else all zeros.</summary>
    static abstract TSelf CompareGreaterThanOrEqual(TSelf left, TSelf right);

    /// <summary>Lanes of <paramref name="ifTrue"/> where <paramref name="mask"/> is all ones, else of <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    /// <summary>All ones in lane i where bit i of <paramref name="bits"/> is set, else all zeros (i &lt; Count).</summary>
    static abstract TSelf LaneMask(ulong bits);

    /// <summary>True if any lane of <paramref name="mask"/> has a bit set.</summary>
    static abstract bool AnyBitSet(TSelf mask);

    /// <summary>Lane-wise integer sum of the bit patterns (modulo 2⁶⁴ or 2³²).</summary>
    static abstract TSelf AddBits(TSelf left, TSelf right);

    /// <summary>Lane-wise integer difference of the bit patterns.</summary>
    static abstract TSelf SubtractBits(TSelf left, TSelf right);

    /// <summary>Bit patterns shifted left by <paramref name="count"/>.</summary>
    static abstract TSelf ShiftLeftBits(TSelf value, int count);

    /// <summary>Bit patterns shifted right by <paramref name="count"/>, filling with zeros.</summary>
    static abstract TSelf ShiftRightBits(TSelf value, int count);
}
