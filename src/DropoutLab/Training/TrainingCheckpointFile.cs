using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Optimizers;

namespace DropoutLab.Training;

/// <summary>
/// The training checkpoint file, version 1, little-endian (i32/u32/i64/u64 integers, f64 doubles, u8 booleans):
/// <code>
/// "DLABCKPT"            8 bytes   magic
/// version               u32       1
/// precision             u32       4 (float32) or 8 (float64): bytes per parameter and optimizer value
/// settings              layer count L u32, widths L × i32, keep probabilities (L−1) × f64, scaling u32,
///                       optimizer u32, learning rate f64, schedule u32, momentum f64, max-norm f64, λ f64,
///                       batch size i32, epochs i32, init gain f64, standardize u8, seed u64
/// data shape            training examples N i32, features i32, classes i32
/// epoch                 i32       epochs completed, k
/// schedule position     i64       optimizer steps taken, k·⌊N/B⌋
/// mask clock step       u64
/// order                 N × i32   the example order after the k-th shuffle (each shuffle permutes the last)
/// shuffle generator     624 × u32 MT19937 words, position i32, has-kept-Gaussian u8, kept Gaussian f64
/// optimizer             steps t i64, β₁ᵗ f64, β₂ᵗ f64, buffer count u32, then per buffer: length i32 and values
///                       (Adam: every m, then every v; momentum: every velocity; SGD: none)
/// epoch reports         count i32, then per epoch: epoch i32, train loss, train accuracy, test loss, test accuracy,
///                       seconds (5 × f64)
/// training seconds      f64       time spent in the epochs so far
/// input mean, std       2 × f64
/// parameters            W₁ (n₁×n₀), b₁ (n₁), W₂, b₂, … in the stated precision
/// checksum              32 bytes  SHA-256 of everything before it
/// </code>
/// Written to a temporary file and renamed (<see cref="AtomicFile"/>), so a checkpoint on disk is always whole.
/// </summary>
internal static class TrainingCheckpointFile
{
    private const int Version = 1;
    private const int ChecksumLength = 32;
    private const int MaxCount = 1 << 28;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("DLABCKPT");

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically.</summary>
    public static void Save<T>(TrainingCheckpoint<T> checkpoint, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.ASCII, leaveOpen: true))
        {
            MlpSettings s = checkpoint.Settings;
            w.Write(Magic);
            w.Write(Version);
            w.Write(Unsafe.SizeOf<T>());
            w.Write(s.Layers.Count);
            foreach (int width in s.Layers)
            {
                w.Write(width);
            }

            foreach (double keepProb in s.KeepProbs)
            {
                w.Write(keepProb);
            }

            w.Write((int)s.Scaling);
            w.Write((int)s.Optimizer);
            w.Write(s.LearningRate);
            w.Write((int)s.Schedule);
            w.Write(s.Momentum);
            w.Write(s.MaxNorm);
            w.Write(s.Lambd);
            w.Write(s.BatchSize);
            w.Write(s.Epochs);
            w.Write(s.InitGain);
            w.Write(s.Standardize);
            w.Write(s.Seed);
            w.Write(checkpoint.TrainCount);
            w.Write(checkpoint.FeatureCount);
            w.Write(checkpoint.ClassCount);
            w.Write(checkpoint.Epoch);
            w.Write(checkpoint.ScheduleStep);
            w.Write(checkpoint.MaskStep);
            w.Write(MemoryMarshal.AsBytes(checkpoint.Order.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(checkpoint.ShuffleWords.AsSpan()));
            w.Write(checkpoint.ShufflePosition);
            w.Write(checkpoint.ShuffleHasGaussian);
            w.Write(checkpoint.ShuffleGaussian);
            w.Write(checkpoint.Optimizer.Step);
            w.Write(checkpoint.Optimizer.Beta1Power);
            w.Write(checkpoint.Optimizer.Beta2Power);
            w.Write(checkpoint.Optimizer.Buffers.Length);
            foreach (T[] values in checkpoint.Optimizer.Buffers)
            {
                w.Write(values.Length);
                w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }

            w.Write(checkpoint.Reports.Count);
            foreach (EpochReport report in checkpoint.Reports)
            {
                w.Write(report.Epoch);
                w.Write(report.TrainLoss);
                w.Write(report.TrainAccuracy);
                w.Write(report.TestLoss);
                w.Write(report.TestAccuracy);
                w.Write(report.Seconds);
            }

            w.Write(checkpoint.TrainSeconds);
            w.Write(checkpoint.Standardization.Mean);
            w.Write(checkpoint.Standardization.Std);
            foreach (T[] values in checkpoint.Parameters)
            {
                w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
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

    /// <summary>Reads a checkpoint made in precision <typeparamref name="T"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing, damaged, not a checkpoint, or of the other precision.</exception>
    public static TrainingCheckpoint<T> Load<T>(string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFormatException($"cannot read the checkpoint ({ex.Message.TrimEnd('.')}).", path);
        }

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new DataFormatException("not a DropoutLab training checkpoint (no DLABCKPT header).", path);
        }

        if (bytes.Length < Magic.Length + 8 + ChecksumLength
            || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumLength)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumLength)))
        {
            throw new DataFormatException("truncated or corrupted checkpoint (SHA-256 checksum does not match).", path);
        }

        try
        {
            return Parse<T>(new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - ChecksumLength), Encoding.ASCII), path);
        }
        catch (EndOfStreamException)
        {
            throw new DataFormatException("truncated checkpoint (its counts promise more than it holds).", path);
        }
    }

    private static TrainingCheckpoint<T> Parse<T>(BinaryReader r, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        r.ReadBytes(Magic.Length);
        int version = r.ReadInt32();
        if (version != Version)
        {
            throw new DataFormatException($"checkpoint version {version} is not supported (this build reads version {Version}).", path);
        }

        int precision = r.ReadInt32();
        if (precision != Unsafe.SizeOf<T>())
        {
            throw new DataFormatException($"cannot resume: the checkpoint was made with {Precision(precision)}, but this run has {Precision(Unsafe.SizeOf<T>())}.", path);
        }

        int[] layers = Ints(r, Count(r, 64, path));
        if (layers.Length < 2 || layers.Any(width => width is < 1 or > 1 << 24))
        {
            throw new DataFormatException("corrupted checkpoint (layer count or width out of range).", path);
        }

        double[] keepProbs = [.. Enumerable.Range(0, layers.Length - 1).Select(_ => r.ReadDouble())];
        var settings = new MlpSettings
        {
            Layers = layers,
            KeepProbs = keepProbs,
            Scaling = (DropoutScaling)r.ReadInt32(),
            Optimizer = (OptimizerKind)r.ReadInt32(),
            LearningRate = r.ReadDouble(),
            Schedule = (LearningRateSchedule)r.ReadInt32(),
            Momentum = r.ReadDouble(),
            MaxNorm = r.ReadDouble(),
            Lambd = r.ReadDouble(),
            BatchSize = r.ReadInt32(),
            Epochs = r.ReadInt32(),
            InitGain = r.ReadDouble(),
            Standardize = r.ReadBoolean(),
            Seed = r.ReadUInt64(),
        };
        int trainCount = Count(r, MaxCount, path);
        int featureCount = r.ReadInt32();
        int classCount = r.ReadInt32();
        int epoch = r.ReadInt32();
        long scheduleStep = r.ReadInt64();
        ulong maskStep = r.ReadUInt64();
        int[] order = Ints(r, trainCount);
        uint[] words = [.. Enumerable.Range(0, 624).Select(_ => r.ReadUInt32())];
        int position = r.ReadInt32();
        bool hasGaussian = r.ReadBoolean();
        double gaussian = r.ReadDouble();
        long optimizerStep = r.ReadInt64();
        double beta1Power = r.ReadDouble();
        double beta2Power = r.ReadDouble();
        var buffers = new T[Count(r, 1024, path)][];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = Values<T>(r, Count(r, MaxCount, path));
        }

        var reports = new EpochReport[Count(r, MaxCount, path)];
        for (int i = 0; i < reports.Length; i++)
        {
            reports[i] = new EpochReport(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        }

        double trainSeconds = r.ReadDouble();
        var standardization = new InputStandardization(r.ReadDouble(), r.ReadDouble());
        var parameters = new T[(layers.Length - 1) * 2][];
        for (int l = 1; l < layers.Length; l++)
        {
            parameters[(2 * l) - 2] = Values<T>(r, checked(layers[l] * layers[l - 1]));
            parameters[(2 * l) - 1] = Values<T>(r, layers[l]);
        }

        if (r.BaseStream.Position != r.BaseStream.Length)
        {
            throw new DataFormatException($"checkpoint has {r.BaseStream.Length - r.BaseStream.Position} bytes after its parameters.", path);
        }

        if (epoch < 0 || epoch > settings.Epochs || reports.Length != epoch || position is < 0 or > 624
            || order.Any(i => (uint)i >= (uint)trainCount))
        {
            throw new DataFormatException("corrupted checkpoint (epoch, order or generator state out of range).", path);
        }

        return new TrainingCheckpoint<T>(
            settings, trainCount, featureCount, classCount, epoch, scheduleStep, maskStep, order, words, position, hasGaussian, gaussian,
            new OptimizerState<T>(optimizerStep, beta1Power, beta2Power, buffers), reports, trainSeconds, standardization, parameters);
    }

    private static string Precision(int bytes) => bytes == 4 ? "float32" : bytes == 8 ? "float64" : $"{bytes}-byte values";

    private static int Count(BinaryReader r, int most, string path)
    {
        int count = r.ReadInt32();
        if (count < 0 || count > most)
        {
            throw new DataFormatException($"corrupted checkpoint (count {count}).", path);
        }

        return count;
    }

    private static int[] Ints(BinaryReader r, int count)
    {
        byte[] bytes = r.ReadBytes(checked(count * 4));
        if (bytes.Length != count * 4)
        {
            throw new EndOfStreamException();
        }

        return MemoryMarshal.Cast<byte, int>(bytes).ToArray();
    }

    private static T[] Values<T>(BinaryReader r, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int length = checked(count * Unsafe.SizeOf<T>());
        byte[] bytes = r.ReadBytes(length);
        if (bytes.Length != length)
        {
            throw new EndOfStreamException();
        }

        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
