using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using DropoutLab.Random;
using DropoutLab.Threading;

namespace DropoutLab.Layers;

/// <summary>
/// One sweep of the dropout kernel over 64-element groups [start, end):
/// out_e = m_e·[gate_e &gt; 0]·scale·value_e, with gate ≡ 1 when <see cref="Relu"/> is off.
/// Forward: value = gate = z (or a); m is drawn and stored. Backward: value = dy, gate = z; m is read.
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
    public T Scale;

    public readonly void Run(int start, int end)
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

            if (count == DropoutMaskBits.GroupSize && Vector512.IsHardwareAccelerated)
            {
                ApplyGroup512(first, bits);
            }
            else if (count == DropoutMaskBits.GroupSize && Vector256.IsHardwareAccelerated)
            {
                ApplyGroup256(first, bits);
            }
            else
            {
                ApplyScalar(first, count, bits);
            }
        }
    }

    private readonly void ApplyScalar(int first, int count, ulong bits)
    {
        for (int i = 0; i < count; i++)
        {
            bool keep = ((bits >> i) & 1) != 0 && (!Relu || Gate[first + i] > T.Zero);
            Output[first + i] = keep ? Values[first + i] * Scale : T.Zero;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void ApplyGroup512(int first, ulong bits)
    {
        Vector512<T> scale = Vector512.Create(Scale);
        for (int offset = 0; offset < DropoutMaskBits.GroupSize; offset += Vector512<T>.Count)
        {
            Vector512<T> keep = KeepMask512(bits >> offset);
            if (Relu)
            {
                keep &= Vector512.GreaterThan(Vector512.Load(Gate + first + offset), Vector512<T>.Zero);
            }

            Vector512<T> value = Vector512.Load(Values + first + offset);
            ((value * scale) & keep).Store(Output + first + offset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void ApplyGroup256(int first, ulong bits)
    {
        Vector256<T> scale = Vector256.Create(Scale);
        for (int offset = 0; offset < DropoutMaskBits.GroupSize; offset += Vector256<T>.Count)
        {
            Vector256<T> keep = KeepMask256(bits >> offset);
            if (Relu)
            {
                keep &= Vector256.GreaterThan(Vector256.Load(Gate + first + offset), Vector256<T>.Zero);
            }

            Vector256<T> value = Vector256.Load(Values + first + offset);
            ((value * scale) & keep).Store(Output + first + offset);
        }
    }

    /// <summary>All-ones in lane i iff bit i of <paramref name="bits"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> KeepMask512(ulong bits)
    {
        if (typeof(T) == typeof(float))
        {
            Vector512<uint> lanes = Vector512.Create(
                0x1u, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x8000);
            return Vector512.Equals(Vector512.Create((uint)bits) & lanes, lanes).As<uint, T>();
        }
        else
        {
            Vector512<ulong> lanes = Vector512.Create(0x1UL, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80);
            return Vector512.Equals(Vector512.Create(bits) & lanes, lanes).As<ulong, T>();
        }
    }

    /// <summary>All-ones in lane i iff bit i of <paramref name="bits"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> KeepMask256(ulong bits)
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<uint> lanes = Vector256.Create(0x1u, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80);
            return Vector256.Equals(Vector256.Create((uint)bits) & lanes, lanes).As<uint, T>();
        }
        else
        {
            Vector256<ulong> lanes = Vector256.Create(0x1UL, 0x2, 0x4, 0x8);
            return Vector256.Equals(Vector256.Create(bits) & lanes, lanes).As<ulong, T>();
        }
    }
}
