using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>
/// Dropout of a layer's input or activations: y = m⊙s·x in training, y = s′·x at inference (see
/// <see cref="DropoutLayer{T}"/> for s, s′ and the backward pass).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Dropout<T> : DropoutLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="keepProb">Probability of keeping an element in training, in (0, 1].</param>
    /// <param name="scaling">Where the 1/keepProb correction is applied.</param>
    /// <param name="masks">Where the keep bits come from.</param>
    /// <param name="threads">Cores the kernels may use; 0 means all.</param>
    /// <param name="kernels">The fast kernel or the plain reference one.</param>
    public Dropout(double keepProb, DropoutScaling scaling, MaskSource masks, int threads = 0, ComputeKernels kernels = ComputeKernels.Fast)
        : base(keepProb, scaling, masks, threads, kernels)
    {
    }

    private protected override bool Rectifies => false;

    /// <inheritdoc/>
    public override DropoutLayer<T> WithScaling(DropoutScaling scaling) => new Dropout<T>(KeepProb, scaling, Masks, Threads, Kernels) { Sharing = Sharing };
}
