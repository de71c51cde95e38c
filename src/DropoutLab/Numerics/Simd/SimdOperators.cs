using System.Numerics;

namespace DropoutLab.Numerics.Simd;

/// <summary>y = f(x), lane by lane, written once for every register width.</summary>
internal interface IUnaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>f applied to every lane of <paramref name="x"/>.</summary>
    TV Invoke<TV>(TV x)
        where TV : unmanaged, IVector<TV, T>;
}

/// <summary>z = f(x, y), lane by lane, written once for every register width.</summary>
internal interface IBinaryOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>f applied to every pair of lanes.</summary>
    TV Invoke<TV>(TV x, TV y)
        where TV : unmanaged, IVector<TV, T>;
}

/// <summary>
/// A loop body over elements [offset, offset + TV.Count) that does its own loads and stores, for kernels that read or
/// write more than one array per element (optimizer updates).
/// </summary>
internal interface IVectorBody<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Processes the elements starting at <paramref name="offset"/> with registers of type TV.</summary>
    void Invoke<TV>(nuint offset)
        where TV : unmanaged, IVector<TV, T>;
}
