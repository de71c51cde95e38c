using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

// Dimension key: C = outputs of the network, m = examples. Ŷ (predictions), Y (targets), dŶ : C × m.

/// <summary>
/// A loss on real-valued targets, as the trainer needs it: the network's last layer is the prediction (a linear
/// output of any width) and the loss gives the gradient of the summed per-example loss with respect to it.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IRegressionLoss<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>dŶ = ∂(Σⱼ lossⱼ)/∂Ŷ for the targets Y of the m examples.</summary>
    void Gradient(Matrix<T> predictions, Matrix<T> targets, Matrix<T> predictionGradient);

    /// <summary>Σⱼ lossⱼ over the m examples.</summary>
    double SumLoss(Matrix<T> predictions, Matrix<T> targets);
}
