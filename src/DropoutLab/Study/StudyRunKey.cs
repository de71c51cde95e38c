using DropoutLab.Layers;

namespace DropoutLab.Study;

/// <summary>
/// One training run of the study. Its generators are seeded from the key alone, never from the order in which runs
/// are scheduled, so every run gives the same numbers on any thread.
/// </summary>
/// <param name="Depth">Hidden layers.</param>
/// <param name="KeepProb">Probability of keeping a hidden unit.</param>
/// <param name="Scaling">Training rule (inverted or none).</param>
/// <param name="SeedIndex">0 … seeds − 1.</param>
public readonly record struct StudyRunKey(int Depth, double KeepProb, DropoutScaling Scaling, int SeedIndex)
{
    /// <summary>
    /// Seed of the He initialization: a function of (seed index, depth) only, so the nets compared across keepProb and
    /// training rule start from the same weights (a paired comparison).
    /// </summary>
    public uint InitSeed => Mix(0x1A17_0000UL, (ulong)SeedIndex, (ulong)Depth);

    /// <summary>Seed of the dropout masks: a function of (seed index, depth, keepProb, training rule).</summary>
    public uint MaskSeed => Mix(0x3A5C_0000UL, (ulong)SeedIndex, (ulong)Depth, (ulong)BitConverter.DoubleToInt64Bits(KeepProb), (ulong)Scaling);

    /// <summary>Seed of the generator behind the activation probe's extra dropout passes.</summary>
    public uint ProbeSeed => Mix(0x9B0B_0000UL, (ulong)SeedIndex, (ulong)Depth, (ulong)BitConverter.DoubleToInt64Bits(KeepProb), (ulong)Scaling);

    // h ← SplitMix64(h ⊕ vᵢ) over the values in order; the seed is the high 32 bits of the result.
    private static uint Mix(ulong stream, params ReadOnlySpan<ulong> values)
    {
        ulong h = SplitMix64(stream);
        foreach (ulong value in values)
        {
            h = SplitMix64(h ^ value);
        }

        return (uint)(h >> 32);
    }

    // SplitMix64 finalizer (Steele, Lea and Flood 2014): z = x + 0x9E3779B97F4A7C15, then two xorshift-multiplies.
    private static ulong SplitMix64(ulong x)
    {
        ulong z = unchecked(x + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
