namespace DropoutLab.Random;

/// <summary>The 64-bit key (k0, k1) of Philox4x32; one key selects one independent stream.</summary>
/// <param name="Word0">k0, bumped by the Weyl constant 0x9E3779B9 each round.</param>
/// <param name="Word1">k1, bumped by the Weyl constant 0xBB67AE85 each round.</param>
internal readonly record struct Philox4x32Key(uint Word0, uint Word1)
{
    /// <summary>The key whose words are the low and high halves of <paramref name="seed"/>.</summary>
    public static Philox4x32Key FromSeed(ulong seed) => new((uint)seed, (uint)(seed >> 32));
}
