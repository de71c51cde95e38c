using System.Buffers;
using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

/// <summary>
/// L2 weight decay in the course's form: cost term (1/m)·(λ/2)·Σₗ‖Wₗ‖²_F and gradient term (λ/m)·Wₗ,
/// on weight matrices only (biases are not penalised).
/// </summary>
public static class L2Penalty
{
    /// <summary>(1/m)·(λ/2)·Σₗ Σ Wₗ², each ‖Wₗ‖² summed in numpy's order.</summary>
    public static T Cost<T>(IReadOnlyList<Parameter<T>> parameters, T lambd, int examples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        T total = T.Zero;
        for (int index = 0; index < parameters.Count; index++)
        {
            Parameter<T> parameter = parameters[index];
            if (!parameter.IsWeight)
            {
                continue;
            }

            int n = parameter.Value.Data.Length;
            T[] rented = ArrayPool<T>.Shared.Rent(n);
            Span<T> squares = rented.AsSpan(0, n);
            ElementwiseKernels.Square<T>(parameter.Value.Data, squares);
            total += PairwiseSum.Sum<T>(squares);
            ArrayPool<T>.Shared.Return(rented);
        }

        T two = T.CreateChecked(2);
        return T.One / T.CreateChecked(examples) * lambd / two * total;
    }

    /// <summary>dWₗ ← dWₗ + (λ/m)·Wₗ.</summary>
    public static void AddGradient<T>(IReadOnlyList<Parameter<T>> parameters, T lambd, int examples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        T factor = lambd / T.CreateChecked(examples);
        for (int index = 0; index < parameters.Count; index++)
        {
            Parameter<T> parameter = parameters[index];
            if (parameter.IsWeight)
            {
                ElementwiseKernels.AddScaled<T>(parameter.Value.Data, factor, parameter.Gradient.Data);
            }
        }
    }
}
