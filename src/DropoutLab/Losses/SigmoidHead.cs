using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

// Dimension key: m = examples. Z, A, dZ : 1 × m; labels yⱼ ∈ {0, 1}.

/// <summary>
/// One sigmoid output with binary cross-entropy: aⱼ = σ(zⱼ), dzⱼ = aⱼ − yⱼ (see <see cref="SigmoidCrossEntropy{T}"/>
/// for the cost).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SigmoidHead<T> : ILossHead<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private T[] _targets = [];

    /// <inheritdoc/>
    public void Probabilities(Matrix<T> logits, Matrix<T> probabilities) => SigmoidCrossEntropy<T>.Probabilities(logits, probabilities);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A label is not 0 or 1, or the shapes differ.</exception>
    public void Gradient(Matrix<T> probabilities, ReadOnlySpan<int> labels, Matrix<T> logitGradient)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(logitGradient);
        if (_targets.Length != labels.Length)
        {
            _targets = new T[labels.Length];
        }

        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            double[] targets = (double[])(object)_targets;
            for (int j = 0; j < labels.Length; j++)
            {
                int label = labels[j];
                targets[j] = label == 0 ? 0.0 : label == 1 ? 1.0 : throw new ArgumentException($"label {j} is {label}, not 0 or 1.", nameof(labels));
            }

            SigmoidCrossEntropy<T>.Gradient(probabilities.Data, _targets, logitGradient.Data);
            return;
        }

        for (int j = 0; j < labels.Length; j++)
        {
            _targets[j] = labels[j] switch
            {
                0 => T.Zero,
                1 => T.One,
                _ => throw new ArgumentException($"label {j} is {labels[j]}, not 0 or 1.", nameof(labels)),
            };
        }

        SigmoidCrossEntropy<T>.Gradient(probabilities.Data, _targets, logitGradient.Data);
    }
}
