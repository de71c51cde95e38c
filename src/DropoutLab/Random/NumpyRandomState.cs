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

    /// <summary>Fills <paramref name="destination"/> with uniform draws in [0, 1), in order (numpy's row-major <c>rand</c>).</summary>
    public void NextDoubles(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextDouble();
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

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gaussian = f * x1;
        _hasGaussian = true;
        return f * x2;
    }

    private void Twist()
    {
        uint[] mt = _state;
        int k;
        for (k = 0; k < StateLength - Shift; k++)
        {
            uint y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + Shift] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MatrixA);
        }

        for (; k < StateLength - 1; k++)
        {
            uint y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + Shift - StateLength] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MatrixA);
        }

        uint last = (mt[StateLength - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[StateLength - 1] = mt[Shift - 1] ^ (last >> 1) ^ ((last & 1) == 0 ? 0 : MatrixA);
        _position = 0;
    }
}
