namespace DropoutLab.Experiments;

/// <summary>When the course network draws its dropout masks.</summary>
public enum MaskPolicy
{
    /// <summary>
    /// What the course code does: the generator is reseeded with 1 at the start of every forward pass, so every
    /// iteration drops the same units. Training then fits a thinned network, not an ensemble of them.
    /// </summary>
    Fixed,

    /// <summary>Real dropout: seeded with 1 once, after initialization; new masks every iteration.</summary>
    Fresh,
}
