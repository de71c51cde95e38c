using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>
/// The model file, version 1, little-endian:
/// <code>
/// "DLABMODL"            8 bytes   magic
/// version               u32       1
/// precision             u32       4 (float32) or 8 (float64): bytes per parameter
/// scaling               u32       0 inverted, 1 at-inference, 2 none
/// layer count L         u32       widths from inputs to outputs, L ≥ 2
/// widths                L × i32
/// keep probabilities    (L−1) × f64   inputs, then each hidden layer
/// mask seed             u64
/// input mean, std       2 × f64   inputs are mapped to (x − mean)/std before the first layer
/// parameters            W₁ (n₁×n₀), b₁ (n₁), W₂, b₂, … in the stated precision
/// checksum              32 bytes  SHA-256 of everything before it
/// </code>
/// Files are written to a temporary file and renamed, so a reader never sees half a model.
/// </summary>
public static class ModelFile
{
    private const int Version = 1;
    private const int ChecksumLength = 32;
    private const int MaxWidth = 1 << 24;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("DLABMODL");

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="NotSupportedException">The model has batch normalization, which the format does not store yet.</exception>
    public static void Save<T>(MlpNetwork<T> model, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.BatchNorm != BatchNormPlacement.None)
        {
            throw new NotSupportedException("model files do not store batch normalization (γ, β and running statistics) yet.");
        }
        ArgumentNullException.ThrowIfNull(path);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
            writer.Write((int)model.Scaling);
            writer.Write(model.Layers.Count);
            foreach (int width in model.Layers)
            {
                writer.Write(width);
            }

            foreach (double keepProb in model.KeepProbs)
            {
                writer.Write(keepProb);
            }

            writer.Write(model.Clock.Seed);
            writer.Write(model.Standardization.Mean);
            writer.Write(model.Standardization.Std);
            foreach (Parameter<T> parameter in model.Network.Parameters)
            {
                writer.Write(MemoryMarshal.AsBytes(parameter.Value.Data.AsSpan()));
            }
        }

        byte[] body = buffer.ToArray();
        byte[] checksum = SHA256.HashData(body);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(body);
            stream.Write(checksum);
        });
    }

    /// <summary>The precision (4 or 8 bytes per parameter) stored in the file, after checking the whole file.</summary>
    public static int ReadPrecision(string path) => Read(path).Precision;

    /// <summary>Reads a model, converting its parameters to <typeparamref name="T"/>.</summary>
    /// <exception cref="DataFormatException">
    /// The file is missing, truncated, corrupted or not a model file, or a parameter is NaN or ±∞ (in the file or
    /// after conversion to <typeparamref name="T"/>), as a model saved from a diverged run would be.
    /// </exception>
    public static MlpNetwork<T> Load<T>(string path, int threads = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        StoredModel stored = Read(path);
        var weights = new List<Matrix<T>>();
        var biases = new List<T[]>();
        int offset = stored.ParameterOffset;
        for (int l = 1; l < stored.Widths.Length; l++)
        {
            var w = new Matrix<T>(stored.Widths[l], stored.Widths[l - 1]);
            offset = ReadValues(stored.Bytes, offset, stored.Precision, w.Data);
            var b = new T[stored.Widths[l]];
            offset = ReadValues(stored.Bytes, offset, stored.Precision, b);
            RequireFinite<T>(w.Data, $"W{l}", path);
            RequireFinite<T>(b, $"b{l}", path);
            weights.Add(w);
            biases.Add(b);
        }

        MlpNetwork<T> model = MlpNetwork<T>.FromWeights(weights, stored.KeepProbs, stored.Scaling, stored.Seed, threads);
        model.Standardization = stored.Standardization;
        int layer = 0;
        foreach (Dense<T> dense in model.DenseLayers)
        {
            biases[layer++].CopyTo(dense.Bias.Value.Data, 0);
        }

        return model;
    }

    private static StoredModel Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new DataFormatException("is a directory; expected a DropoutLab model file.", path);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFormatException($"cannot read the model file ({ex.Message.TrimEnd('.')}).", path);
        }

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new DataFormatException("not a DropoutLab model file (no DLABMODL header).", path);
        }

        const int fixedHeader = 8 + (4 * 4);
        if (bytes.Length < fixedHeader + ChecksumLength)
        {
            throw new DataFormatException($"truncated model file ({bytes.Length} bytes).", path);
        }

        var span = bytes.AsSpan();
        int version = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        if (version != Version)
        {
            throw new DataFormatException($"model file version {version} is not supported (this build reads version {Version}).", path);
        }

        int precision = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
        int scaling = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        if (precision is not (4 or 8) || scaling is < 0 or > 2 || count is < 2 or > 64)
        {
            throw new DataFormatException("corrupted model header (precision, scaling rule or layer count out of range).", path);
        }

        int offset = fixedHeader;
        int headerEnd = offset + (count * 4) + ((count - 1) * 8) + 8 + 16;
        if (bytes.Length < headerEnd + ChecksumLength)
        {
            throw new DataFormatException($"truncated model file ({bytes.Length} bytes).", path);
        }

        var widths = new int[count];
        long parameters = 0;
        for (int l = 0; l < count; l++)
        {
            widths[l] = BinaryPrimitives.ReadInt32LittleEndian(span[offset..]);
            offset += 4;
            if (widths[l] is < 1 or > MaxWidth)
            {
                throw new DataFormatException($"corrupted model header (layer width {widths[l]}).", path);
            }

            if (l > 0)
            {
                parameters += ((long)widths[l] * widths[l - 1]) + widths[l];
            }
        }

        var keepProbs = new double[count - 1];
        for (int l = 0; l < count - 1; l++)
        {
            keepProbs[l] = BinaryPrimitives.ReadDoubleLittleEndian(span[offset..]);
            offset += 8;
            if (!(keepProbs[l] > 0 && keepProbs[l] <= 1))
            {
                throw new DataFormatException($"corrupted model header (keep probability {keepProbs[l]}).", path);
            }
        }

        ulong seed = BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]);
        offset += 8;
        var standardization = new InputStandardization(
            BinaryPrimitives.ReadDoubleLittleEndian(span[offset..]),
            BinaryPrimitives.ReadDoubleLittleEndian(span[(offset + 8)..]));
        offset += 16;
        if (!double.IsFinite(standardization.Mean) || !(standardization.Std > 0) || !double.IsFinite(standardization.Std))
        {
            throw new DataFormatException($"corrupted model header (input mean {standardization.Mean}, std {standardization.Std}).", path);
        }
        long expected = offset + (parameters * precision) + ChecksumLength;
        if (bytes.Length != expected)
        {
            throw new DataFormatException(
                bytes.Length < expected
                    ? $"truncated model file ({bytes.Length} bytes, the header promises {expected})."
                    : $"model file has {bytes.Length - expected} bytes after its end.",
                path);
        }

        byte[] checksum = SHA256.HashData(span[..^ChecksumLength]);
        if (!checksum.AsSpan().SequenceEqual(span[^ChecksumLength..]))
        {
            throw new DataFormatException("corrupted model file (SHA-256 checksum does not match).", path);
        }

        return new StoredModel(bytes, precision, (DropoutScaling)scaling, widths, keepProbs, seed, standardization, offset);
    }

    private static void RequireFinite<T>(ReadOnlySpan<T> values, string name, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!FiniteCheck.AllFinite(values))
        {
            throw new DataFormatException($"parameter {name} holds non-finite values (NaN or ±Infinity); the model cannot be used (was it saved from a diverged training run?).", path);
        }
    }

    private static int ReadValues<T>(byte[] bytes, int offset, int precision, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<byte> source = bytes.AsSpan(offset, destination.Length * precision);
        if (precision == 4)
        {
            ReadOnlySpan<float> values = MemoryMarshal.Cast<byte, float>(source);
            for (int i = 0; i < values.Length; i++)
            {
                destination[i] = T.CreateChecked(values[i]);
            }
        }
        else
        {
            ReadOnlySpan<double> values = MemoryMarshal.Cast<byte, double>(source);
            for (int i = 0; i < values.Length; i++)
            {
                destination[i] = T.CreateChecked(values[i]);
            }
        }

        return offset + source.Length;
    }

    private sealed record StoredModel(byte[] Bytes, int Precision, DropoutScaling Scaling, int[] Widths, double[] KeepProbs, ulong Seed, InputStandardization Standardization, int ParameterOffset);
}
