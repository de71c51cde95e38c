namespace DropoutLab.Random;

/// <summary>A source of uniform random numbers, always injected (never static or global).</summary>
public interface IRandomSource
{
    /// <summary>Restarts the sequence from <paramref name="seed"/>.</summary>
    void Seed(uint seed);

    /// <summary>A uniform double in [0, 1).</summary>
    double NextDouble();

    /// <summary>A standard normal deviate N(0, 1).</summary>
    double NextGaussian();
}
