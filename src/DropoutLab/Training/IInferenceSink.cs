using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>What a <see cref="BatchInference{T}"/> loop does before and after each forward pass.</summary>
internal interface IInferenceSink<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Called before pass <paramref name="pass"/> of batch <paramref name="batch"/> runs.</summary>
    void BeforePass(int batch, int pass);

    /// <summary>
    /// Receives the class probabilities (classes × B) of pass <paramref name="pass"/>; columns 0 … count − 1 are
    /// examples start … start + count − 1, the rest padding.
    /// </summary>
    void Accept(Matrix<T> probabilities, int start, int count, int pass);
}
