namespace DropoutLab.Layers;

/// <summary>
/// Counter-based masks: bit e of layer <see cref="Site"/>'s mask at training step t is a pure function of (seed, t,
/// site, e) through Philox-4×32-10 (Salmon, Moraes, Dror and Shaw, "Parallel Random Numbers: As Easy as 1, 2, 3",
/// SC 2011), so any thread count and any instruction set draw the same masks, and no generator state is carried.
/// Inverted scaling multiplies by 1/keepProb. The step comes from the network's shared <see cref="MaskClock"/>.
/// </summary>
public sealed class CounterMasks : MaskSource
{
    private readonly MaskClock _clock;

    /// <summary>Masks of layer <paramref name="site"/>, keyed by <paramref name="clock"/>'s seed and step.</summary>
    public CounterMasks(MaskClock clock, uint site)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        Site = site;
    }

    /// <summary>The layer's index in the counter (distinct per dropout layer of a network).</summary>
    public uint Site { get; }

    internal override bool DividesByKeepProb => false;

    internal override DropoutStream? Prepare(Span<ulong> mask, int elements, double keepProb) => _clock.Stream(Site);
}
