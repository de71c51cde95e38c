namespace DropoutLab.Layers;

/// <summary>
/// Where a <see cref="DropoutLayer{T}"/>'s keep bits come from: bit e of a pass's mask is set when element e
/// (row-major over units × examples) is kept, with probability keepProb. The layer owns everything else.
/// </summary>
public abstract class MaskSource
{
    private protected MaskSource()
    {
    }

    /// <summary>
    /// Whether inverted scaling divides by keepProb (x/keepProb, numpy's arithmetic) rather than multiplying by
    /// 1/keepProb; the two differ in the last bit for some x.
    /// </summary>
    internal abstract bool DividesByKeepProb { get; }

    /// <summary>
    /// Begins a training pass over <paramref name="elements"/> values: either fills <paramref name="mask"/> now and
    /// returns null, or returns the counter stream from which the pass draws each group of 64 bits as it goes.
    /// </summary>
    internal abstract DropoutStream? Prepare(Span<ulong> mask, int elements, double keepProb);
}
