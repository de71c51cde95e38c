namespace DropoutLab.Explain;

/// <summary>
/// The constants of alpha dropout (Klambauer et al. 2017, "Self-Normalizing Neural Networks", §"New dropout
/// technique"). With m ~ Bernoulli(keepProb), a unit becomes x′ = m·a + (1 − m)·α′, α′ = −λα the value SELU saturates
/// to, and then y = A·x′ + B. For a standardized input (E[a] = 0, Var[a] = 1) E[x′] = (1 − keepProb)·α′ and
/// Var[x′] = keepProb + α′²·keepProb·(1 − keepProb), so A = Var[x′]^(−1/2) and B = −A·(1 − keepProb)·α′ give
/// E[y] = 0 and Var[y] = 1.
/// </summary>
public static class AlphaDropout
{
    /// <summary>SELU's scale λ ≈ 1.0507009873554805.</summary>
    public const double SeluLambda = 1.0507009873554804934193349852946;

    /// <summary>SELU's α ≈ 1.6732632423543772.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>
    /// The value a dropped unit takes before the affine correction: α′ = −λα ≈ −1.7580993408473766 (the product rounded
    /// once to double, as PyTorch computes it).
    /// </summary>
    public const double DroppedValue = -SeluLambda * SeluAlpha;

    /// <summary>
    /// A = (keepProb + α′²·keepProb·(1 − keepProb))^(−1/2); 1 at keepProb = 1. Throws
    /// <see cref="ArgumentOutOfRangeException"/> unless keepProb ∈ (0, 1].
    /// </summary>
    public static double Scale(double keepProb)
    {
        Check(keepProb);
        return 1.0 / Math.Sqrt(keepProb + (DroppedValue * DroppedValue * keepProb * (1.0 - keepProb)));
    }

    /// <summary>
    /// B = −A·(1 − keepProb)·α′; 0 at keepProb = 1. Throws <see cref="ArgumentOutOfRangeException"/> unless
    /// keepProb ∈ (0, 1].
    /// </summary>
    public static double Shift(double keepProb) => -Scale(keepProb) * (1.0 - keepProb) * DroppedValue;

    private static void Check(double keepProb)
    {
        if (!(keepProb > 0 && keepProb <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(keepProb), keepProb, "keepProb must be in (0, 1].");
        }
    }
}
