using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DropoutLab.Numerics;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Random;

/// <summary>
/// numpy's legacy <c>RandomState</c>: the MT19937 Mersenne Twister (Matsumoto and Nishimura 1998) seeded by
/// <c>init_genrand</c>, with numpy's 53-bit <c>rand</c> and its polar-method <c>randn</c>. Same seed, same
/// numbers as <c>np.random.seed(s); np.random.rand(...)</c>, bit for bit.
/// </summary>
/// <remarks>
/// rand: u = (⌊w₁/2⁵⌋·2²⁶ + ⌊w₂/2⁶⌋) / 2⁵³ from two consecutive 32-bit words w₁, w₂.
/// randn (Marsaglia polar): draw x₁, x₂ = 2u − 1 until 0 &lt; r² = x₁² + x₂² &lt; 1; f = √(−2 ln r² / r²);
/// return f·x₂ and keep f·x₁ for the next call. Seeding clears the kept value.
/// </remarks>
public sealed class NumpyRandomState : IRandomSource
{
    private const int StateLength = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[StateLength];
    private int _position;
    private bool _hasGaussian;
    private double _gaussian;

    /// <summary>Creates a generator seeded with <paramref name="seed"/>.</summary>
    public NumpyRandomState(uint seed) => Seed(seed);

    /// <inheritdoc />
    public void Seed(uint seed)
    {
        // init_genrand: s₀ = seed, sᵢ = 1812433253·(sᵢ₋₁ ⊕ (sᵢ₋₁ ≫ 30)) + i  (mod 2³²)
        _state[0] = seed;
        for (uint i = 1; i < StateLength; i++)
        {
            uint previous = _state[i - 1];
            _state[i] = unchecked((1812433253u * (previous ^ (previous >> 30))) + i);
        }

        _position = StateLength;
        _hasGaussian = false;
        _gaussian = 0.0;
    }

    /// <summary>A copy of the whole generator state: the 624 words, the read position and the kept Gaussian.</summary>
    internal (uint[] Words, int Position, bool HasGaussian, double Gaussian) Capture() => ((uint[])_state.Clone(), _position, _hasGaussian, _gaussian);

    /// <summary>Puts back a state from <see cref="Capture"/>; the next numbers are the ones that followed it.</summary>
    /// <exception cref="ArgumentException">The words are not 624 or the position is outside [0, 624].</exception>
    internal void Restore(ReadOnlySpan<uint> words, int position, bool hasGaussian, double gaussian)
    {
        if (words.Length != StateLength || position is < 0 or > StateLength)
        {
            throw new ArgumentException($"an MT19937 state is {StateLength} words and a position in [0, {StateLength}], but got {words.Length} words at {position}.", nameof(words));
        }

        words.CopyTo(_state);
        _position = position;
        _hasGaussian = hasGaussian;
        _gaussian = gaussian;
    }

    /// <summary>The next raw 32-bit output of MT19937 (tempered).</summary>
    public uint NextUInt32()
    {
        if (_position >= StateLength)
        {
            Twist();
        }

        uint y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <inheritdoc />
    public double NextDouble()
    {
        uint high = NextUInt32() >> 5;
        uint low = NextUInt32() >> 6;
        return ((high * 67108864.0) + low) / 9007199254740992.0;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform draws in [0, 1), in order (numpy's row-major <c>rand</c>):
    /// bit for bit the numbers of <see cref="NextDouble"/>, computed from raw words in bulk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NextDoubles(Span<double> destination)
    {
        const int Chunk = 512;
        Span<uint> words = stackalloc uint[2 * Chunk];
        for (int start = 0; start < destination.Length; start += Chunk)
        {
            int count = Math.Min(Chunk, destination.Length - start);
            Span<uint> pairs = words[..(2 * count)];
            NextUInt32s(pairs);
            Span<double> target = destination.Slice(start, count);

            // uᵢ = (⌊w₂ᵢ/2⁵⌋·2²⁶ + ⌊w₂ᵢ₊₁/2⁶⌋) / 2⁵³ (numpy's random_sample), all exact in double.
            var body = new UniformsFromWords(MemoryMarshal.Cast<uint, double>(pairs), target);
            SimdDriver.Run<double, UniformsFromWords>(target.Length, ref body, SimdWidths.Best);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next raw outputs, as that many <see cref="NextUInt32"/> calls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NextUInt32s(Span<uint> destination)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            if (_position >= StateLength)
            {
                Twist();
            }

            int count = Math.Min(StateLength - _position, destination.Length - filled);
            Temper(_state.AsSpan(_position, count), destination.Slice(filled, count));
            _position += count;
            filled += count;
        }
    }

    // Tempering, y ↦ y ⊕ (y ≫ 11); y ⊕ ((y ≪ 7) ∧ B); y ⊕ ((y ≪ 15) ∧ C); y ⊕ (y ≫ 18), eight words at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Temper(ReadOnlySpan<uint> state, Span<uint> output)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> b = Vector256.Create(0x9d2c5680u);
            Vector256<uint> c = Vector256.Create(0xefc60000u);
            for (; i <= state.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                Vector256<uint> y = Vector256.Create(state.Slice(i, Vector256<uint>.Count));
                y ^= Vector256.ShiftRightLogical(y, 11);
                y ^= Vector256.ShiftLeft(y, 7) & b;
                y ^= Vector256.ShiftLeft(y, 15) & c;
                y ^= Vector256.ShiftRightLogical(y, 18);
                y.CopyTo(output.Slice(i, Vector256<uint>.Count));
            }
        }

        for (; i < state.Length; i++)
        {
            uint y = state[i];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680;
            y ^= (y << 15) & 0xefc60000;
            y ^= y >> 18;
            output[i] = y;
        }
    }

    /// <inheritdoc />
    public double NextGaussian()
    {
        if (_hasGaussian)
        {
            _hasGaussian = false;
            double kept = _gaussian;
            _gaussian = 0.0;
            return kept;
        }

        double x1, x2, r2;
        do
        {
            x1 = (2.0 * NextDouble()) - 1.0;
            x2 = (2.0 * NextDouble()) - 1.0;
            r2 = (x1 * x1) + (x2 * x2);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        double f = Math.Sqrt(-2.0 * PortableMath.Log(r2) / r2);
        _gaussian = f * x1;
        _hasGaussian = true;
        return f * x2;
    }

    // Twist: mt[k] ← mt[(k + 397) mod 624] ⊕ (y ≫ 1) ⊕ (MatrixA if y is odd), y = (mt[k] ∧ U) ∨ (mt[k+1] ∧ L).
    // Eight k at a time: each lane reads mt[k+1] before any lane of its chunk writes, and mt[k − 227] (second part)
    // was written by an earlier chunk, so the result equals the sequential loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Twist()
    {
        uint[] mt = _state;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            int width = Vector256<uint>.Count;
            for (; k + width <= StateLength - Shift; k += width)
            {
                Store(TwistLanes(Load(mt, k), Load(mt, k + 1), Load(mt, k + Shift)), mt, k);
            }

            for (; k < StateLength - Shift; k++)
            {
                mt[k] = TwistOne(mt[k], mt[k + 1], mt[k + Shift]);
            }

            for (; k + width <= StateLength - 1; k += width)
            {
                Store(TwistLanes(Load(mt, k), Load(mt, k + 1), Load(mt, k + Shift - StateLength)), mt, k);
            }
        }

        for (; k < StateLength - Shift; k++)
        {
            mt[k] = TwistOne(mt[k], mt[k + 1], mt[k + Shift]);
        }

        for (; k < StateLength - 1; k++)
        {
            mt[k] = TwistOne(mt[k], mt[k + 1], mt[k + Shift - StateLength]);
        }

        mt[StateLength - 1] = TwistOne(mt[StateLength - 1], mt[0], mt[Shift - 1]);
        _position = 0;
    }

    private static uint TwistOne(uint current, uint next, uint far)
    {
        uint y = (current & UpperMask) | (next & LowerMask);
        return far ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MatrixA);
    }

    private static Vector256<uint> TwistLanes(Vector256<uint> current, Vector256<uint> next, Vector256<uint> far)
    {
        Vector256<uint> y = (current & Vector256.Create(UpperMask)) | (next & Vector256.Create(LowerMask));
        Vector256<uint> odd = Vector256<uint>.Zero - (y & Vector256<uint>.One);
        return far ^ Vector256.ShiftRightLogical(y, 1) ^ (odd & Vector256.Create(MatrixA));
    }

    private static Vector256<uint> Load(uint[] source, int offset) => Vector256.Create(source.AsSpan(offset, Vector256<uint>.Count));

    private static void Store(Vector256<uint> value, uint[] destination, int offset) => value.CopyTo(destination.AsSpan(offset, Vector256<uint>.Count));

    // uᵢ from the 64-bit lane holding (w₂ᵢ, w₂ᵢ₊₁): each integer a < 2⁵² becomes a double by splicing it below the
    // exponent of 2⁵² and subtracting 2⁵² (exact), then uᵢ = (⌊w₂ᵢ/2⁵⌋·2²⁶ + ⌊w₂ᵢ₊₁/2⁶⌋)·2⁻⁵³, every step exact —
    // the scalar formula's value, with no integer conversion instruction.
    private readonly ref struct UniformsFromWords(ReadOnlySpan<double> words, Span<double> uniforms) : IVectorBody<double>
    {
        private readonly ref double _words = ref MemoryMarshal.GetReference(words);
        private readonly ref double _uniforms = ref MemoryMarshal.GetReference(uniforms);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TV>(nuint offset)
            where TV : unmanaged, IVector<TV, double>
        {
            TV lane = TV.Load(in _words, offset);
            TV twoTo52 = TV.Create(4503599627370496.0);
            TV exponent = TV.CreateBits(0x4330_0000_0000_0000UL);
            TV high = (TV.ShiftRightBits(lane & TV.CreateBits(0xFFFF_FFFFUL), 5) | exponent) - twoTo52;
            TV low = (TV.ShiftRightBits(lane, 38) | exponent) - twoTo52;
            TV value = (high * TV.Create(67108864.0)) + low;
            TV.Store(value * TV.Create(1.0 / 9007199254740992.0), ref _uniforms, offset);
        }
    }
}
