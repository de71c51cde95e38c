using DropoutLab.Random;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public class PhiloxTests
{
    // Known-answer vectors for philox4x32_10 from Random123's kat_vectors:
    // counter (x0..x3), key (k0, k1), expected output (x0..x3).
    public static TheoryData<uint[], uint[], uint[]> KnownAnswers => new()
    {
        { [0u, 0u, 0u, 0u], [0u, 0u], [0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u] },
        {
            [0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu],
            [0xffffffffu, 0xffffffffu],
            [0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu]
        },
        {
            [0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u],
            [0xa4093822u, 0x299f31d0u],
            [0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u]
        },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Evaluate_matches_Random123_known_answers(uint[] counter, uint[] key, uint[] expected)
    {
        var output = Philox4x32.Evaluate(
            new Philox4x32Block(counter[0], counter[1], counter[2], counter[3]),
            new Philox4x32Key(key[0], key[1]));

        Assert.Equal(new Philox4x32Block(expected[0], expected[1], expected[2], expected[3]), output);
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Fill_of_one_block_matches_known_answers(uint[] counter, uint[] key, uint[] expected)
    {
        var words = new uint[4];
        Philox4x32.Fill(new Philox4x32Key(key[0], key[1]), new Philox4x32Block(counter[0], counter[1], counter[2], counter[3]), words);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 1000)]
    [InlineData(0xFFFFFFF0u, 7u, 1u, 2u, 333)]          // word 0 wraps inside a vector chunk
    [InlineData(0xFFFFFFF9u, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 257)] // full 128-bit wrap
    [InlineData(12345u, 678u, 9u, 10u, 3)]
    [InlineData(5u, 0u, 0u, 0u, 0)]
    public void Fill_equals_scalar_evaluation_of_consecutive_counters(uint c0, uint c1, uint c2, uint c3, int length)
    {
        var key = new Philox4x32Key(0xDEADBEEF, 0x01234567);
        var start = new Philox4x32Block(c0, c1, c2, c3);
        var bulk = new uint[length];
        Philox4x32.Fill(key, start, bulk);

        for (int i = 0; i < length; i++)
        {
            Philox4x32Block block = Philox4x32.Evaluate(start.Add((ulong)(i / 4)), key);
            Assert.Equal(block[i % 4], bulk[i]);
        }
    }

    [Fact]
    public void Add_carries_across_all_words()
    {
        var counter = new Philox4x32Block(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0);
        Assert.Equal(new Philox4x32Block(1, 0, 0, 1), counter.Add(2));
        Assert.Equal(new Philox4x32Block(0, 0, 0, 0), new Philox4x32Block(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF).Add(1));
    }

    [Fact]
    public void Different_keys_give_different_streams()
    {
        var counter = new Philox4x32Block(1, 2, 3, 4);
        Assert.NotEqual(
            Philox4x32.Evaluate(counter, Philox4x32Key.FromSeed(1)),
            Philox4x32.Evaluate(counter, Philox4x32Key.FromSeed(2)));
    }
}
