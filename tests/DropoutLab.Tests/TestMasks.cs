using System.Numerics;
using DropoutLab.Layers;

namespace DropoutLab.Tests;

/// <summary>A dropout layer's last mask as numpy's 0/1 matrix D.</summary>
internal static class TestMasks
{
    public static T[] Values<T>(DropoutLayer<T> layer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => [.. layer.CopyMask().Select(kept => kept ? T.One : T.Zero)];
}
