using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>
/// One stage of a network. Shapes are features × examples. A layer keeps what its backward pass needs from the
/// last forward pass, and owns its output and gradient buffers (reused while the batch size stays the same).
/// </summary>
public interface ILayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Output units for a given number of input units.</summary>
    int OutputSize(int inputSize);

    /// <summary>y = f(x). The returned matrix belongs to the layer and is overwritten by the next call.</summary>
    Matrix<T> Forward(Matrix<T> input, Mode mode);

    /// <summary>
    /// Given dY = ∂L/∂y (L the sum of per-example losses), stores parameter gradients of the mean loss and
    /// returns dX = ∂L/∂x, or null when <paramref name="computeInputGradient"/> is false.
    /// </summary>
    Matrix<T>? Backward(Matrix<T> outputGradient, bool computeInputGradient);

    /// <summary>The trainable parameters (empty for activations and dropout).</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }
}
