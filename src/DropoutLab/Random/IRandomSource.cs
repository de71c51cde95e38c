namespace DropoutLab.Random;

/// <summary>A source of uniform random numbers, always injected (never static or global).</summary>
public interface IRandomSource
{
    /// <summary>Restarts the sequence from <paramref name="seed"/>.</summary>
    void Seed(uint seed);

    /// <summary>A uniform double in [0, 1).</summary>
    double NextDouble();

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform doubles in [0, 1): the same numbers, in the same order, as
    /// that many calls of <see cref="NextDouble"/>. Generators override it with a faster bulk path.
    /// </summary>
    void NextDoubles(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextDouble();
        }
    }

    /// <summary>A standard normal deviate N(0, 1).</summary>
    double NextGaussian();
}
