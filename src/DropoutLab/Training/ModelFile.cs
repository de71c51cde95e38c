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
/// The model file, little-endian. Version 1 (written for Bernoulli dropout, ReLU and no batch normalization, the
/// default network, so such files are byte-identical to earlier builds'):
/// <code>
/// "DLABMODL"            8 bytes   magic
/// version               u32       1 or 2
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
/// Version 2 (every other network) has, between the input mean and std and the parameters, three u32: the dropout
/// variant (0 Bernoulli, 1 Gaussian, 2 alpha, 3 DropConnect) plus 65536 × the mask sharing (0 element, 1 feature; so
/// element-shared files keep the bytes of earlier builds), the hidden activation (0 ReLU, 1 SELU) and the batch-norm
/// placement (0 none, 1 before dropout, 2 after dropout); after the dense parameters, for each hidden layer's batch
/// normalization in order: momentum and ε (2 × f64), then γ, β, running mean and running variance (nₗ each, in the
/// stated precision). Both versions are read.
/// Files are written to a temporary file and renamed, so a reader never sees half a model.
/// </summary>
public static class ModelFile
{
    private const int Version = 1;
    private const int VariantVersion = 2;
    private const int ChecksumLength = 32;
    private const int MaxWidth = 1 << 24;
    private const int SharingShift = 16;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("DLABMODL");

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    /// <remarks>The default network (Bernoulli, ReLU, no batch normalization, element masks) is written as version 1, any other as version 2.</remarks>
    public static void Save<T>(MlpNetwork<T> model, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.ASCII, leaveOpen: true))
        {
            bool variant = model.BatchNorm != BatchNormPlacement.None || model.Dropout != DropoutVariant.Bernoulli || model.Activation != HiddenActivation.Relu || model.MaskShare != MaskSharing.Element;
            writer.Write(Magic);
            writer.Write(variant ? VariantVersion : Version);
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
            if (variant)
            {
                writer.Write((int)model.Dropout | ((int)model.MaskShare << SharingShift));
                writer.Write((int)model.Activation);
                writer.Write((int)model.BatchNorm);
            }

            foreach (Dense<T> dense in model.DenseLayers)
            {
                writer.Write(MemoryMarshal.AsBytes(dense.Weights.Value.Data.AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(dense.Bias.Value.Data.AsSpan()));
            }

            foreach (BatchNorm<T> norm in model.BatchNormLayers)
            {
                writer.Write(norm.Momentum);
                writer.Write(norm.Epsilon);
                writer.Write(MemoryMarshal.AsBytes(norm.Gamma.Value.Data.AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(norm.Beta.Value.Data.AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(norm.RunningMean.ToArray().AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(norm.RunningVariance.ToArray().AsSpan()));
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

        MlpNetwork<T> model = MlpNetwork<T>.FromWeights(weights, stored.KeepProbs, stored.Scaling, stored.Seed, threads, ComputeKernels.Fast, stored.BatchNorm, stored.Dropout, stored.Activation, stored.MaskShare);
        model.Standardization = stored.Standardization;
        int layer = 0;
        foreach (Dense<T> dense in model.DenseLayers)
        {
            biases[layer++].CopyTo(dense.Bias.Value.Data, 0);
        }

        int hidden = 0;
        foreach (BatchNorm<T> norm in model.BatchNormLayers)
        {
            hidden++;
            double momentum = BinaryPrimitives.ReadDoubleLittleEndian(stored.Bytes.AsSpan(offset));
            double epsilon = BinaryPrimitives.ReadDoubleLittleEndian(stored.Bytes.AsSpan(offset + 8));
            offset += 16;
            if (momentum != norm.Momentum || epsilon != norm.Epsilon)
            {
                throw new DataFormatException($"batch normalization {hidden} has momentum {momentum} and ε {epsilon}; this build reads only {norm.Momentum} and {norm.Epsilon}.", path);
            }

            var mean = new T[norm.Features];
            var variance = new T[norm.Features];
            offset = ReadValues(stored.Bytes, offset, stored.Precision, norm.Gamma.Value.Data);
            offset = ReadValues(stored.Bytes, offset, stored.Precision, norm.Beta.Value.Data);
            offset = ReadValues(stored.Bytes, offset, stored.Precision, mean);
            offset = ReadValues(stored.Bytes, offset, stored.Precision, variance);
            RequireFinite<T>(norm.Gamma.Value.Data, $"gamma{hidden}", path);
            RequireFinite<T>(norm.Beta.Value.Data, $"beta{hidden}", path);
            RequireFinite<T>(mean, $"running mean {hidden}", path);
            RequireFinite<T>(variance, $"running variance {hidden}", path);
            if (variance.Any(v => v < T.Zero))
            {
                throw new DataFormatException($"running variance {hidden} holds a negative value.", path);
            }

            norm.SetRunningStatistics(mean, variance);
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
        if (version is not (Version or VariantVersion))
        {
            throw new DataFormatException($"model file version {version} is not supported (this build reads versions {Version} and {VariantVersion}).", path);
        }

        int precision = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
        int scaling = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        if (precision is not (4 or 8) || scaling is < 0 or > 2 || count is < 2 or > 64)
        {
            throw new DataFormatException("corrupted model header (precision, scaling rule or layer count out of range).", path);
        }

        int offset = fixedHeader;
        int headerEnd = offset + (count * 4) + ((count - 1) * 8) + 8 + 16 + (version == VariantVersion ? 12 : 0);
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

        var dropout = DropoutVariant.Bernoulli;
        var activation = HiddenActivation.Relu;
        var batchNorm = BatchNormPlacement.None;
        var maskShare = MaskSharing.Element;
        if (version == VariantVersion)
        {
            int dropoutWord = BinaryPrimitives.ReadInt32LittleEndian(span[offset..]);
            dropout = (DropoutVariant)(dropoutWord & ((1 << SharingShift) - 1));
            maskShare = (MaskSharing)(dropoutWord >> SharingShift);
            activation = (HiddenActivation)BinaryPrimitives.ReadInt32LittleEndian(span[(offset + 4)..]);
            batchNorm = (BatchNormPlacement)BinaryPrimitives.ReadInt32LittleEndian(span[(offset + 8)..]);
            offset += 12;
            if (!Enum.IsDefined(dropout) || !Enum.IsDefined(activation) || !Enum.IsDefined(batchNorm) || !Enum.IsDefined(maskShare)
                || (dropout != DropoutVariant.Bernoulli && scaling != (int)DropoutScaling.Inverted)
                || (dropout == DropoutVariant.DropConnect && maskShare != MaskSharing.Element))
            {
                throw new DataFormatException($"corrupted model header (dropout variant {(int)dropout}, mask sharing {(int)maskShare}, activation {(int)activation}, batch-norm placement {(int)batchNorm}, scaling {scaling}).", path);
            }

            if (batchNorm != BatchNormPlacement.None)
            {
                for (int l = 1; l < count - 1; l++)
                {
                    parameters += 4L * widths[l];
                }
            }
        }

        long batchNormHeaders = batchNorm == BatchNormPlacement.None ? 0 : 16L * (count - 2);
        long expected = offset + (parameters * precision) + batchNormHeaders + ChecksumLength;
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

        return new StoredModel(bytes, precision, (DropoutScaling)scaling, widths, keepProbs, seed, standardization, offset, dropout, activation, batchNorm, maskShare);
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

    private sealed record StoredModel(byte[] Bytes, int Precision, DropoutScaling Scaling, int[] Widths, double[] KeepProbs, ulong Seed, InputStandardization Standardization, int ParameterOffset, DropoutVariant Dropout, HiddenActivation Activation, BatchNormPlacement BatchNorm, MaskSharing MaskShare);
}
