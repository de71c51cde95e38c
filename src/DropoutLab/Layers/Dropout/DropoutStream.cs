using DropoutLab.Random;

namespace DropoutLab.Layers;

/// <summary>
/// The coordinates that fully determine a dropout mask. Element e of a buffer keeps
/// iff word (e mod 4) of Philox4x32-10(key = (seed_lo, seed_hi),
/// counter = (⌊e/4⌋, step_lo, step_hi, layer)) is below the keep threshold,
/// so a mask is a function of (seed, step, layer, e) only.
/// </summary>
/// <param name="Seed">The run's seed; it is the Philox key.</param>
/// <param name="Step">The training step (mini-batch number).</param>
/// <param name="Layer">The index of the dropout site within the network.</param>
internal readonly record struct DropoutStream(ulong Seed, ulong Step, uint Layer)
{
    /// <summary>The Philox key (seed_lo, seed_hi).</summary>
    public Philox4x32Key Key => Philox4x32Key.FromSeed(Seed);

    /// <summary>The counter (block, step_lo, step_hi, layer) of elements 4·block .. 4·block + 3.</summary>
    public Philox4x32Block Counter(uint block) => new(block, (uint)Step, (uint)(Step >> 32), Layer);
}
