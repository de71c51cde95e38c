using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DropoutLab.Layers;

namespace DropoutLab.Training;

/// <summary>SHA-256 of every parameter's bytes (little-endian IEEE 754) in layer order: W₁, b₁, W₂, b₂, …</summary>
internal static class ParameterHash
{
    /// <summary>The lowercase hex digest.</summary>
    public static string Sha256<T>(IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (Parameter<T> parameter in parameters)
        {
            hash.AppendData(MemoryMarshal.AsBytes(parameter.Value.Data.AsSpan()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
