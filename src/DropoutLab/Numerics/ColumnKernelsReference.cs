using System.Numerics;

namespace DropoutLab.Numerics;

// Dimension key as in ColumnKernels: W : o × i, X : i × m, Z, dZ : o × m, dW : o × i, dX : i × m.

/// <summary>Plain loops for the products in <see cref="ColumnKernels"/>, kept as the definition the fast ones are tested against.</summary>
internal static class ColumnKernelsReference
{
    /// <summary>Zᵣⱼ = Σₖ Wᵣₖ·Xₖⱼ + bᵣ.</summary>
    public static void Affine<T>(Matrix<T> weights, Matrix<T> input, ReadOnlySpan<T> bias, Matrix<T> output)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
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

    /// <summary>dWᵣₖ = scale·Σⱼ dZᵣⱼ·Xₖⱼ, each sum in <see cref="Dot{T}"/>'s order.</summary>
    public static void WeightGradient<T>(Matrix<T> outputGradient, Matrix<T> input, T scale, Matrix<T> weightGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weightGradient);
        for (int r = 0; r < outputGradient.Rows; r++)
        {
            for (int k = 0; k < input.Rows; k++)
            {
                weightGradient[r, k] = scale * Dot<T>(outputGradient.Row(r), input.Row(k));
            }
        }
    }

    /// <summary>
    /// Σⱼ aⱼ·bⱼ as the fast kernels sum it: sixteen partial sums sₗ = Σ_q a₁₆q₊ₗ·b₁₆q₊ₗ over whole blocks of 16,
    /// folded in halves (sₗ + sₗ₊₈, then the same with 4, 2 and 1), then the remaining products in order.
    /// </summary>
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const int Partials = 16;
        Span<T> s = stackalloc T[Partials];
        s.Clear();
        int whole = a.Length - (a.Length % Partials);
        for (int j = 0; j < whole; j++)
        {
            s[j % Partials] += a[j] * b[j];
        }

        for (int half = Partials / 2; half >= 1; half /= 2)
        {
            for (int l = 0; l < half; l++)
            {
                s[l] += s[l + half];
            }
        }

        T sum = s[0];
        for (int j = whole; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    /// <summary>dXₖⱼ = Σᵣ Wᵣₖ·dZᵣⱼ.</summary>
    public static void InputGradient<T>(Matrix<T> weights, Matrix<T> outputGradient, Matrix<T> inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
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
