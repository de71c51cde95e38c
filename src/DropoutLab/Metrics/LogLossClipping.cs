using System.Numerics;

namespace DropoutLab.Metrics;

/// <summary>
/// The one clipping rule of every log-loss that takes the logarithm of a predicted probability:
/// p is clamped into [ε, 1 − ε] before ln p or ln(1 − p) is evaluated, so a prediction that rounded to exactly 0 or
/// 1 costs −ln ε instead of infinity. NaN stays NaN (and so does the mean it enters).
/// </summary>
/// <remarks>
/// ε says how the probability was obtained:
/// <list type="bullet">
/// <item><description>
/// A probability handed over as a number (the course's sigmoid output): ε = <see cref="ProbabilityEpsilon"/> = 10⁻¹⁵,
/// scikit-learn's <c>log_loss</c> default, so a saturated prediction costs at most −ln 10⁻¹⁵ ≈ 34.54.
/// </description></item>
/// <item><description>
/// A class probability computed by softmax in precision T: ε = the smallest positive T
/// (<see cref="SoftmaxEpsilon{T}"/>). Every positive T is ≥ ε and 1 − ε rounds to 1, so the clamp only replaces an
/// underflowed p = 0 (cost −ln ε: ≈ 103.28 in float32, ≈ 744.44 in float64) and leaves every other probability as
/// computed.
/// </description></item>
/// </list>
/// A single ε for both would change printed results: at 10⁻¹⁵ the softmax losses of confident correct predictions
/// (p = 1 in float32) would gain ≈ 10⁻¹⁵ each, and with the smallest positive double the course's loss would become
/// +∞ whenever its sigmoid rounds to 1 on an example of class 0. A binary loss computed from the logit
/// (<see cref="BinaryLogLoss.FromLogits"/>) takes no logarithm of a rounded probability and needs no clamp.
/// </remarks>
public static class LogLossClipping
{
    /// <summary>ε for probabilities given as numbers: 10⁻¹⁵, as scikit-learn's <c>log_loss</c>.</summary>
    public const double ProbabilityEpsilon = 1e-15;

    /// <summary>ε for softmax probabilities computed in <typeparamref name="T"/>: the smallest positive T, as a double.</summary>
    public static double SoftmaxEpsilon<T>()
        where T : IBinaryFloatingPointIeee754<T> => double.CreateTruncating(T.Epsilon);

    /// <summary>clip(p) = min(max(p, ε), 1 − ε); NaN → NaN.</summary>
    public static double Clip(double probability, double epsilon) => Math.Clamp(probability, epsilon, 1.0 - epsilon);
}
