using System.Numerics;

namespace DropoutLab.Numerics;

// Dimension key as in ColumnKernels: W : o × i, X : i × m, Z, dZ : o × m, dW : o × i, dX : i × m.

/// <summary>Plain loops for the products in <see cref="ColumnKernels"/>, kept as the definition the fast ones are tested against.</summary>
public static class ColumnKernelsReference
{
    /// <summary>Zᵣⱼ = Σₖ Wᵣₖ·Xₖⱼ + bᵣ.</summary>
    public static void Affine<T>(Matrix<T> weights, Matrix<T> input, ReadOnlySpan<T> bias, Matrix<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        for (int r = 0; r < weights.Rows; r++)
        {
            for (int j = 0; j < input.Columns; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < weights.Columns; k++)
                {
                    sum += weights[r, k] * input[k, j];
                }

                output[r, j] = sum + bias[r];
            }
        }
    }

    /// <summary>dWᵣₖ = scale·Σⱼ dZᵣⱼ·Xₖⱼ.</summary>
    public static void WeightGradient<T>(Matrix<T> outputGradient, Matrix<T> input, T scale, Matrix<T> weightGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weightGradient);
        for (int r = 0; r < outputGradient.Rows; r++)
        {
            for (int k = 0; k < input.Rows; k++)
            {
                T sum = T.Zero;
                for (int j = 0; j < input.Columns; j++)
                {
                    sum += outputGradient[r, j] * input[k, j];
                }

                weightGradient[r, k] = scale * sum;
            }
        }
    }

    /// <summary>dXₖⱼ = Σᵣ Wᵣₖ·dZᵣⱼ.</summary>
    public static void InputGradient<T>(Matrix<T> weights, Matrix<T> outputGradient, Matrix<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(outputGradient);
        ArgumentNullException.ThrowIfNull(inputGradient);
        for (int k = 0; k < weights.Columns; k++)
        {
            for (int j = 0; j < outputGradient.Columns; j++)
            {
                T sum = T.Zero;
                for (int r = 0; r < weights.Rows; r++)
                {
                    sum += weights[r, k] * outputGradient[r, j];
                }

                inputGradient[k, j] = sum;
            }
        }
    }
}
