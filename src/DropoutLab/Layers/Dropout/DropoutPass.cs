using System.Numerics;
using System.Runtime.CompilerServices;
using DropoutLab.Numerics.Simd;
using DropoutLab.Random;
using DropoutLab.Threading;

namespace DropoutLab.Layers;

/// <summary>
/// One sweep of the dropout kernel over 64-element groups [start, end):
/// out_e = m_e·[gate_e &gt; 0]·scale·value_e (or m_e·[gate_e &gt; 0]·value_e/keepProb when <see cref="Divide"/>),
/// with gate ≡ 1 when <see cref="Relu"/> is off. Forward: value = gate = z (or a); m is drawn and stored, or read
/// when a mask source filled it. Backward: value = dy, gate = z; m is read.
/// Pointers stay pinned by the caller for the whole sweep.
/// </summary>
internal unsafe struct DropoutPass<T> : IRangeBody
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public T* Values;
    public T* Gate;
    public T* Output;
    public ulong* Mask;
    public int Length;
    public bool Relu;
    public bool DrawMask;
    public DropoutStream Stream;
    public ulong Threshold;
    public bool Divide;
    public T KeepProb;
    public T Scale;
    public SimdWidth Width;

    public readonly void Run(int start, int end)
    {
        switch (Width)
        {
            case SimdWidth.Vector512:
                Groups<Simd512<T>>(start, end);
                break;
            case SimdWidth.Vector256:
                Groups<Simd256<T>>(start, end);
                break;
            case SimdWidth.Vector128:
                Groups<Simd128<T>>(start, end);
                break;
            default:
                Groups<Scalar<T>>(start, end);
                break;
        }
    }

    // Each group's 64 mask bits are drawn (or read) and applied while its values are in cache; full groups run at
    // width TV, a short last group one lane at a time — the same body, so the same bits.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private readonly void Groups<TV>(int start, int end)
        where TV : unmanaged, IVector<TV, T>
    {
        Philox4x32Key key = Stream.Key;
        for (int group = start; group < end; group++)
        {
            int first = group * DropoutMaskBits.GroupSize;
            int count = Math.Min(DropoutMaskBits.GroupSize, Length - first);
            ulong bits;
            if (DrawMask)
            {
                bits = DropoutMaskBits.Group(Stream, key, group, Threshold);
                if (count < DropoutMaskBits.GroupSize)
                {
                    bits &= (1UL << count) - 1;
                }

                Mask[group] = bits;
            }
            else
            {
                bits = Mask[group];
            }

            if (count == DropoutMaskBits.GroupSize)
            {
                for (int offset = 0; offset < DropoutMaskBits.GroupSize; offset += TV.Count)
                {
                    ApplyLanes<TV>(first + offset, bits >> offset);
                }
            }
            else
            {
                for (int i = 0; i < count; i++)
                {
                    ApplyLanes<Scalar<T>>(first + i, bits >> i);
                }
            }
        }
    }

    // out_e = (scale·value_e, or value_e/keepProb when dividing) ∧ keep_e for the TV.Count elements from e, keep_e
    // all ones iff bit e − first of bits is set (and gate_e > 0 under ReLU): dropped elements are +0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void ApplyLanes<TV>(int e, ulong bits)
        where TV : unmanaged, IVector<TV, T>
    {
        TV keep = TV.LaneMask(bits);
        if (Relu)
        {
            keep &= TV.CompareGreaterThan(TV.Load(in Gate[e], 0), TV.Zero);
        }

        TV loaded = TV.Load(in Values[e], 0);
        TV value = Divide ? loaded / TV.Create(KeepProb) : loaded * TV.Create(Scale);
        TV.Store(value & keep, ref Output[e], 0);
    }
}
