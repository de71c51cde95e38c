using DropoutLab.Numerics;
using DropoutLab.Numerics.Simd;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class PortableMathTests
{
    private const double SmallestNormal = 2.2250738585072014E-308;

    // Distance in units in the last place between two doubles of the same sign, through their ordered bit patterns.
    private static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) && double.IsNaN(b))
        {
            return 0;
        }

        static long Ordered(double v)
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            return bits < 0 ? long.MinValue - bits : bits;
        }

        return Math.Abs(Ordered(a) - Ordered(b));
    }

    // |y − exact| in ulps of the float nearest exact, with exact given in double (2²⁹ times finer than a float ulp).
    private static double FloatUlpError(float y, double exact)
    {
        double magnitude = Math.Abs(exact);
        double ulp = magnitude < 1.1754943508222875E-38
            ? Math.Pow(2, -149)
            : Math.Pow(2, Math.Floor(Math.Log2(magnitude)) - 23);
        return Math.Abs(y - exact) / ulp;
    }

    private static double[] RandomDoubles(int count, int seed, Func<System.Random, double> draw)
    {
        var random = new System.Random(seed);
        var x = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = draw(random);
        }

        return x;
    }

    [Fact]
    public void DoubleExpIsWithinOneUlpOfMathExp()
    {
        double[] x = RandomDoubles(2_000_000, 1, r => r.Next(3) switch
        {
            0 => -745.2 + (r.NextDouble() * (709.79 + 745.2)),
            1 => ((2 * r.NextDouble()) - 1) * Math.Pow(2, -r.Next(0, 60)),
            _ => -745.2 + (r.NextDouble() * 40), // subnormal results
        });
        var y = new double[x.Length];
        PortableMath.Exp<double>(x, y);
        long worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, UlpDistance(y[i], Math.Exp(x[i])));
        }

        // Math.Exp is itself within about 0.5 ulp, so a distance of 2 would mean an error above 1.5 ulp.
        Assert.True(worst <= 1, $"max distance {worst} ulp");
    }

    [Fact]
    public void DoubleLogIsWithinOneUlpOfMathLog()
    {
        double[] x = RandomDoubles(3_000_000, 2, r => r.Next(3) switch
        {
            0 => r.NextDouble(),
            1 => BitConverter.Int64BitsToDouble((long)(r.NextDouble() * 0x7FF0_0000_0000_0000L)),
            _ => 1 + (((2 * r.NextDouble()) - 1) * Math.Pow(2, -r.Next(1, 53))),
        });
        var y = new double[x.Length];
        PortableMath.Log<double>(x, y);
        long worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, UlpDistance(y[i], Math.Log(x[i])));
        }

        Assert.True(worst <= 1, $"max distance {worst} ulp");
    }

    [Fact]
    public void FloatExpIsWithinOneUlp()
    {
        var x = new List<float>();
        for (long bits = 0; bits <= uint.MaxValue; bits += 1531)
        {
            float v = BitConverter.UInt32BitsToSingle((uint)bits);
            if (v is > -104f and < 88.8f)
            {
                x.Add(v);
            }
        }

        float[] input = [.. x];
        var y = new float[input.Length];
        PortableMath.Exp<float>(input, y);
        double worst = 0;
        for (int i = 0; i < input.Length; i++)
        {
            double exact = Math.Exp(input[i]);
            Assert.False(float.IsInfinity(y[i]) && exact < float.MaxValue, $"exp({input[i]:R}) overflowed");
            if (!float.IsInfinity(y[i]))
            {
                worst = Math.Max(worst, FloatUlpError(y[i], exact));
            }
        }

        Assert.True(worst <= 1, $"max error {worst} ulp");
    }

    [Fact]
    public void FloatLogIsWithinOneUlp()
    {
        var x = new List<float>();
        for (uint bits = 1; bits < 0x7F80_0000U; bits += 701)
        {
            x.Add(BitConverter.UInt32BitsToSingle(bits));
        }

        for (int i = -4096; i <= 4096; i++)
        {
            x.Add(BitConverter.UInt32BitsToSingle((uint)(0x3F80_0000 + i))); // around 1
        }

        float[] input = [.. x];
        var y = new float[input.Length];
        PortableMath.Log<float>(input, y);
        double worst = 0;
        for (int i = 0; i < input.Length; i++)
        {
            worst = Math.Max(worst, FloatUlpError(y[i], Math.Log(input[i])));
        }

        Assert.True(worst <= 1, $"max error {worst} ulp");
    }

    [Fact]
    public void DoubleExpSpecialValues()
    {
        Assert.Equal(1.0, PortableMath.Exp(0.0));
        Assert.Equal(1.0, PortableMath.Exp(-0.0));
        Assert.True(double.IsNaN(PortableMath.Exp(double.NaN)));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(double.PositiveInfinity));
        Assert.Equal(0, BitConverter.DoubleToInt64Bits(PortableMath.Exp(double.NegativeInfinity)));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(double.MaxValue));
        Assert.Equal(0.0, PortableMath.Exp(double.MinValue));
        Assert.Equal(1.0, PortableMath.Exp(double.Epsilon));
        Assert.Equal(1.0, PortableMath.Exp(-double.Epsilon));

        // ln(MaxValue) = 709.782712893384; e^709.78271289338397 is finite, the next double up overflows.
        const double LnMax = 709.78271289338397;
        Assert.Equal(Math.Exp(LnMax), PortableMath.Exp(LnMax));
        Assert.True(double.IsFinite(PortableMath.Exp(LnMax)));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(Math.BitIncrement(LnMax)));

        // e⁻⁷⁴⁵ = 2^(−1074.8) rounds to the smallest subnormal; e^(−745.2) < 2⁻¹⁰⁷⁵ rounds to +0.
        Assert.Equal(double.Epsilon, PortableMath.Exp(-745.0));
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(PortableMath.Exp(-745.2)));

        // Results around the smallest normal, across the switch to the two-step scaling (|x| > 707).
        foreach (double x in new[] { -708.3964185322641, -707.0, -707.0000000000001, 707.0, 707.0000000000001, -720.0, -730.0 })
        {
            Assert.True(UlpDistance(PortableMath.Exp(x), Math.Exp(x)) <= 1, $"exp({x:R})");
        }

        // e^(k·ln 2) for integers k lands on 2ᵏ to within an ulp.
        for (int k = -1074; k <= 1023; k++)
        {
            double x = k * Math.Log(2);
            Assert.True(UlpDistance(PortableMath.Exp(x), Math.Exp(x)) <= 1, $"exp({x:R})");
        }
    }

    [Fact]
    public void FloatExpSpecialValues()
    {
        Assert.Equal(1f, PortableMath.Exp(0f));
        Assert.Equal(1f, PortableMath.Exp(-0f));
        Assert.True(float.IsNaN(PortableMath.Exp(float.NaN)));
        Assert.Equal(float.PositiveInfinity, PortableMath.Exp(float.PositiveInfinity));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(PortableMath.Exp(float.NegativeInfinity)));
        Assert.Equal(float.PositiveInfinity, PortableMath.Exp(float.MaxValue));
        Assert.Equal(0f, PortableMath.Exp(float.MinValue));
        Assert.Equal(1f, PortableMath.Exp(float.Epsilon));

        // ln(float.MaxValue) = 88.7228391; 88.72283f is finite, 88.72284f overflows.
        Assert.Equal((float)Math.Exp(88.72283f), PortableMath.Exp(88.72283f));
        Assert.Equal(float.PositiveInfinity, PortableMath.Exp(88.72284f));
        Assert.Equal(float.Epsilon, PortableMath.Exp(-103.2789f));
        Assert.Equal(0f, PortableMath.Exp(-103.9731f));
    }

    [Fact]
    public void DoubleLogSpecialValues()
    {
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0.0));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(-0.0));
        Assert.True(double.IsNaN(PortableMath.Log(-1.0)));
        Assert.True(double.IsNaN(PortableMath.Log(-double.Epsilon)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NegativeInfinity)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NaN)));
        Assert.Equal(double.PositiveInfinity, PortableMath.Log(double.PositiveInfinity));
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(PortableMath.Log(1.0)));
        Assert.Equal(Math.Log(double.MaxValue), PortableMath.Log(double.MaxValue));
        Assert.Equal(Math.Log(double.Epsilon), PortableMath.Log(double.Epsilon));
        Assert.Equal(Math.Log(SmallestNormal), PortableMath.Log(SmallestNormal));
        Assert.Equal(Math.Log(Math.BitDecrement(SmallestNormal)), PortableMath.Log(Math.BitDecrement(SmallestNormal)));
        Assert.Equal(Math.Log(Math.BitIncrement(1.0)), PortableMath.Log(Math.BitIncrement(1.0)));
        Assert.Equal(Math.Log(Math.BitDecrement(1.0)), PortableMath.Log(Math.BitDecrement(1.0)));
        for (int k = -1074; k <= 1023; k++)
        {
            double x = Math.ScaleB(1.0, k);
            Assert.True(UlpDistance(PortableMath.Log(x), Math.Log(x)) <= 1, $"log(2^{k})");
        }
    }

    [Fact]
    public void FloatLogSpecialValues()
    {
        Assert.Equal(float.NegativeInfinity, PortableMath.Log(0f));
        Assert.Equal(float.NegativeInfinity, PortableMath.Log(-0f));
        Assert.True(float.IsNaN(PortableMath.Log(-1f)));
        Assert.True(float.IsNaN(PortableMath.Log(float.NaN)));
        Assert.Equal(float.PositiveInfinity, PortableMath.Log(float.PositiveInfinity));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(PortableMath.Log(1f)));
        Assert.Equal((float)Math.Log(float.MaxValue), PortableMath.Log(float.MaxValue));
        Assert.Equal((float)Math.Log(float.Epsilon), PortableMath.Log(float.Epsilon));
        for (int k = -149; k <= 127; k++)
        {
            float x = MathF.ScaleB(1f, k);
            Assert.True(FloatUlpError(PortableMath.Log(x), Math.Log(x)) <= 1, $"log(2^{k})");
        }
    }

    [Fact]
    public void GoldenBits()
    {
        // The correctly rounded values (200-bit reference).
        Assert.Equal(0x4005BF0A8B145769UL, BitConverter.DoubleToUInt64Bits(PortableMath.Exp(1.0)));
        Assert.Equal(0x3FE368B2FC6F960AUL, BitConverter.DoubleToUInt64Bits(PortableMath.Exp(-0.5)));
        Assert.Equal(0x40026BB1BBB55516UL, BitConverter.DoubleToUInt64Bits(PortableMath.Log(10.0)));
        Assert.Equal(0xBFF34378FCBDA721UL, BitConverter.DoubleToUInt64Bits(PortableMath.Log(0.3)));
        Assert.Equal(0x402DF854U, BitConverter.SingleToUInt32Bits(PortableMath.Exp(1f)));
        Assert.Equal(0x40135D8EU, BitConverter.SingleToUInt32Bits(PortableMath.Log(10f)));
    }

    private static double[] EdgeCases() =>
    [
        0.0, -0.0, 1.0, -1.0, 0.5, 2.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue,
        double.MinValue, double.Epsilon, -double.Epsilon, SmallestNormal, Math.BitDecrement(SmallestNormal), 706.9, 707.1,
        709.78271289338397, 709.782712893384, -708.4, -745.13321910194111, -745.2, -746.5, 1e-300, 1e300,
        0.7071067811865476, 1.4142135623730951, Math.BitIncrement(1.0), Math.BitDecrement(1.0),
    ];

    private static double[] MixedInput(int length, int seed)
    {
        double[] edges = EdgeCases();
        var random = new System.Random(seed);
        var x = new double[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (i % 7) switch
            {
                0 => edges[random.Next(edges.Length)],
                1 => BitConverter.Int64BitsToDouble((long)random.NextInt64()),
                2 => (random.NextDouble() * 1500) - 750,
                3 => random.NextDouble(),
                _ => (random.NextDouble() * 40) - 20,
            };
        }

        return x;
    }

    [Fact]
    public void EveryWidthGivesTheBitsOfScalar()
    {
        double[] x = MixedInput(100_003, 3);
        float[] xf = [.. x.Select(v => (float)(v / 8))];
        var expected = new double[x.Length];
        var expectedF = new float[x.Length];
        var actual = new double[x.Length];
        var actualF = new float[x.Length];
        foreach (bool log in new[] { false, true })
        {
            if (log)
            {
                PortableMath.Log<double>(x, expected, SimdWidth.Scalar);
                PortableMath.Log<float>(xf, expectedF, SimdWidth.Scalar);
            }
            else
            {
                PortableMath.Exp<double>(x, expected, SimdWidth.Scalar);
                PortableMath.Exp<float>(xf, expectedF, SimdWidth.Scalar);
            }

            for (int i = 0; i < x.Length; i += 997)
            {
                double scalar = log ? PortableMath.Log(x[i]) : PortableMath.Exp(x[i]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalar), BitConverter.DoubleToInt64Bits(expected[i]));
            }

            foreach (SimdWidth width in SimdWidths.Supported)
            {
                foreach (int length in new[] { x.Length, 1, 3, 7, 13, 31 })
                {
                    if (log)
                    {
                        PortableMath.Log<double>(x.AsSpan(0, length), actual.AsSpan(0, length), width);
                        PortableMath.Log<float>(xf.AsSpan(0, length), actualF.AsSpan(0, length), width);
                    }
                    else
                    {
                        PortableMath.Exp<double>(x.AsSpan(0, length), actual.AsSpan(0, length), width);
                        PortableMath.Exp<float>(xf.AsSpan(0, length), actualF.AsSpan(0, length), width);
                    }

                    for (int i = 0; i < length; i++)
                    {
                        if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i])
                            || BitConverter.SingleToInt32Bits(expectedF[i]) != BitConverter.SingleToInt32Bits(actualF[i]))
                        {
                            Assert.Fail($"{(log ? "log" : "exp")} at {width}, x = {x[i]:R} / {xf[i]:R}: {actual[i]:R} vs {expected[i]:R}, {actualF[i]:R} vs {expectedF[i]:R}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void SpanVersionsRejectOtherLaneTypesAndLengthMismatches()
    {
        Assert.Throws<NotSupportedException>(() => PortableMath.Exp<Half>(new Half[3], new Half[3]));
        Assert.Throws<ArgumentException>(() => PortableMath.Log<double>(new double[3], new double[2]));
    }
}
