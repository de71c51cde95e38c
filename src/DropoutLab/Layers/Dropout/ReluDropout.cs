using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>
/// A ReLU followed by dropout, fused into one pass: y = m⊙s·max(x, 0) in training, y = s′·max(x, 0) at inference;
/// dx = m⊙s·dy·[x &gt; 0] (see <see cref="DropoutLayer{T}"/>). The same numbers as a ReLU layer followed by a
/// <see cref="Dropout{T}"/> layer, in one read of the activations instead of two.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ReluDropout<T> : DropoutLayer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="keepProb">Probability of keeping a unit in training, in (0, 1].</param>
    /// <param name="scaling">Where the 1/keepProb correction is applied.</param>
    /// <param name="masks">Where the keep bits come from.</param>
    /// <param name="threads">Cores the kernels may use; 0 means all.</param>
    /// <param name="kernels">The fast kernel or the plain reference one.</param>
    public ReluDropout(double keepProb, DropoutScaling scaling, MaskSource masks, int threads = 0, ComputeKernels kernels = ComputeKernels.Fast)
        : base(keepProb, scaling, masks, threads, kernels)
    {
    }

    private protected override bool Rectifies => true;

    /// <inheritdoc/>
    public override DropoutLayer<T> WithScaling(DropoutScaling scaling) => new ReluDropout<T>(KeepProb, scaling, Masks, Threads, Kernels) { Sharing = Sharing };
}
