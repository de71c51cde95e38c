using System.Numerics;
using DropoutLab.Layers;

namespace DropoutLab.Optimizers;

/// <summary>
/// The max-norm constraint of Srivastava et al. (2014): after each update, every unit's incoming weight vector
/// wᵣ (row r of W) is projected onto the ball ‖wᵣ‖₂ ≤ c, i.e. scaled by c/‖wᵣ‖₂ when longer.
/// </summary>
public static class MaxNorm
{
    /// <summary>Projects every row of every weight matrix onto ‖wᵣ‖₂ ≤ <paramref name="maxNorm"/>.</summary>
    public static void Apply<T>(IReadOnlyList<Parameter<T>> parameters, double maxNorm)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, $"maxNorm must be a positive finite number, but got {maxNorm}.");
        }

        T limit = T.CreateChecked(maxNorm);
        for (int index = 0; index < parameters.Count; index++)
        {
            Parameter<T> parameter = parameters[index];
            if (!parameter.IsWeight)
            {
                continue;
            }

            for (int r = 0; r < parameter.Value.Rows; r++)
            {
                Span<T> row = parameter.Value.Row(r);
                // ‖w‖₂ with a fixed summation order, so the projection is reproducible bit for bit
                T norm = T.Sqrt(Numerics.ColumnKernels.Dot<T>(row, row));
                if (norm > limit)
                {
                    Numerics.ElementwiseKernels.Scale<T>(row, limit / norm, row);
                }
            }
        }
    }
}
