namespace DropoutLab.Layers;

/// <summary>
/// The state of counter-based dropout masks: a seed and the training step. Every counter-based dropout layer of
/// one network shares one clock; each layer adds its own index, so a mask is a pure function of
/// (seed, step, layer, element) — independent of thread count, batch order of work, or anything else.
/// </summary>
public sealed class MaskClock
{
    /// <summary>Creates a clock at step 0.</summary>
    public MaskClock(ulong seed) => Seed = seed;

    /// <summary>The run's seed (the Philox key).</summary>
    public ulong Seed { get; private set; }

    /// <summary>The current training step; masks differ from step to step.</summary>
    public ulong Step { get; set; }

    /// <summary>Moves to <paramref name="step"/> of the stream keyed by <paramref name="seed"/> (e.g. for Monte-Carlo dropout at inference).</summary>
    public void Reset(ulong seed, ulong step = 0)
    {
        Seed = seed;
        Step = step;
    }

    /// <summary>Moves to the next step.</summary>
    public void Advance() => Step++;

    /// <summary>The stream of dropout site <paramref name="layer"/> at the current step.</summary>
    internal DropoutStream Stream(uint layer) => new(Seed, Step, layer);
}
