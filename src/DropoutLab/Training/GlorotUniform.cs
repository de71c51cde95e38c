using System.Numerics;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Training;

// Dimension key: nₗ = width of layer l. Wₗ : nₗ × nₗ₋₁.

/// <summary>
/// Glorot and Bengio's (2010) uniform initialization, Keras's default for dense kernels: Wₗ ~ U(−a, a) with
/// a = √(6/(nₗ₋₁ + nₗ)), which gives Var(w) = 2/(nₗ₋₁ + nₗ).
/// </summary>
public static class GlorotUniform
{
    /// <summary>
    /// The weights of the layers with widths <paramref name="layers"/> (inputs first), drawn in layer order, row by
    /// row, as w = a·(2u − 1) with u ~ U[0, 1) from <paramref name="random"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two widths, or a width below 1.</exception>
    public static IReadOnlyList<Matrix<T>> Weights<T>(IReadOnlyList<int> layers, IRandomSource random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(random);
        if (layers.Count < 2 || layers.Any(width => width < 1))
        {
            throw new ArgumentException($"a network needs at least two widths of at least 1, but got [{string.Join(", ", layers)}].", nameof(layers));
        }

        var weights = new List<Matrix<T>>(layers.Count - 1);
        for (int l = 1; l < layers.Count; l++)
        {
            var w = new Matrix<T>(layers[l], layers[l - 1]);
            double limit = Math.Sqrt(6.0 / (layers[l - 1] + layers[l]));
            for (int i = 0; i < w.Data.Length; i++)
            {
                w.Data[i] = T.CreateChecked(limit * ((2 * random.NextDouble()) - 1));
            }

            weights.Add(w);
        }

        return weights;
    }
}
