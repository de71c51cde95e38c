namespace DropoutLab.Data;

/// <summary>The 2-D two-class shapes <see cref="SyntheticData.Generate"/> draws, each within about [−1, 1]².</summary>
public enum SyntheticShape
{
    /// <summary>Two interleaved half circles.</summary>
    Moons,

    /// <summary>A ring of radius 1 around a ring of radius 0.5.</summary>
    Circles,

    /// <summary>Uniform points in [−1, 1]², class 1 where x1·x2 &gt; 0.</summary>
    Xor,

    /// <summary>Two interleaved spiral arms.</summary>
    Spiral,
}
