using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Training;
using SharpFuzz;

namespace DropoutLab.Fuzz;

/// <summary>
/// SharpFuzz harnesses for the library's file readers, run under afl-fuzz by bench/fuzz/run.sh.
/// A <see cref="DataFormatException"/> is the readers' normal rejection; any other exception escapes
/// and afl-fuzz records the input as a crash.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "seeds")
        {
            Seeds.Write(args[1]);
            return 0;
        }

        if (args.Length < 1 || args.Length > 2)
        {
            Console.Error.WriteLine("usage: DropoutLab.Fuzz csv|idx|model [input-file] | seeds <corpus-dir>");
            return 2;
        }

        Action<byte[]>? harness = args[0] switch
        {
            "csv" => Harnesses.Csv,
            "idx" => Harnesses.Idx,
            "model" => Harnesses.Model,
            _ => null,
        };
        if (harness is null)
        {
            Console.Error.WriteLine($"unknown harness '{args[0]}'");
            return 2;
        }

        if (args.Length == 2)
        {
            // Replay one input without afl-fuzz: an escaping exception shows its stack trace.
            harness(File.ReadAllBytes(args[1]));
            Console.WriteLine("rejected or accepted cleanly");
            return 0;
        }

        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            harness(copy.ToArray());
        });
        return 0;
    }
}

/// <summary>One harness per reader; each takes the raw input bytes.</summary>
internal static class Harnesses
{
    private static readonly string Scratch = Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(),
        $"dropoutlab-fuzz-{Environment.ProcessId}");

    /// <summary>
    /// Byte 0 picks the reader (labelled CSV, binary-labelled CSV, or a feature CSV of width 1..8);
    /// the rest is the text, decoded as UTF-8 the way <see cref="StreamReader"/> decodes a file.
    /// </summary>
    public static void Csv(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        int mode = input[0];
        using var reader = new StreamReader(new MemoryStream(input, 1, input.Length - 1));
        try
        {
            switch (mode % 3)
            {
                case 0:
                    CsvDataset.Read(reader, "fuzz.csv", binaryLabels: false);
                    break;
                case 1:
                    CsvDataset.Read(reader, "fuzz.csv", binaryLabels: true);
                    break;
                default:
                    FeatureCsv.Read(reader, "fuzz.csv", featureCount: 1 + (mode / 3 % 8));
                    break;
            }
        }
        catch (DataFormatException)
        {
        }
    }

    /// <summary>
    /// The input is an IDX file, plain or gzip (the reader detects the gzip magic), read from a file as
    /// <see cref="MnistDataset"/> does: as images, then as labels.
    /// </summary>
    public static void Idx(byte[] input)
    {
        string path = ScratchFile(input);
        try
        {
            IdxReader.ReadImages(path);
        }
        catch (DataFormatException)
        {
        }

        try
        {
            IdxReader.ReadLabels(path);
        }
        catch (DataFormatException)
        {
        }
    }

    /// <summary>
    /// Bit 0 of byte 0 set: the rest is a model file whose trailing SHA-256 is recomputed first, so that the
    /// checks after the checksum are reached; clear: the rest is used as it is. Bit 1 picks float32 or float64.
    /// </summary>
    public static void Model(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        byte[] file = input[1..];
        if ((input[0] & 1) != 0 && file.Length >= 32)
        {
            SHA256.HashData(file.AsSpan(0, file.Length - 32)).CopyTo(file, file.Length - 32);
        }

        string path = ScratchFile(file);
        try
        {
            if ((input[0] & 2) != 0)
            {
                ModelFile.Load<double>(path, threads: 1);
            }
            else
            {
                ModelFile.Load<float>(path, threads: 1);
            }
        }
        catch (DataFormatException)
        {
        }
    }

    private static string ScratchFile(byte[] bytes)
    {
        File.WriteAllBytes(Scratch, bytes);
        return Scratch;
    }
}

/// <summary>Writes the valid part of the seed corpus (the edge cases are small hand-made files beside them).</summary>
internal static class Seeds
{
    public static void Write(string root)
    {
        string csv = Directory.CreateDirectory(Path.Combine(root, "csv")).FullName;
        Write(csv, "labelled.csv", 0, "x1,x2,label\n0.5,1,0\n-2.25,3e2,1\n\n1e-3,-0,2\n");
        Write(csv, "binary.csv", 1, "a,b,c,y\n1,2,3,0\n4,5,6,1\n");
        Write(csv, "features3.csv", 2 + (3 * 2), "f1,f2,f3\n0.1,0.2,0.3\n1,2,3\n");
        Write(csv, "features2-label.csv", 2 + (3 * 1), "f1,f2,label\n0.1,0.2,1\n7,8,x\n");
        Write(csv, "empty.csv", 0, string.Empty);
        Write(csv, "ragged.csv", 0, "x,y\n1,2,3\n");
        Write(csv, "nan.csv", 0, "x,y\nNaN,1\n");
        Write(csv, "float-overflow.csv", 2, "x\n1e39\n");
        Write(csv, "crlf-bom.csv", 0, "\uFEFFx,y\r\n 1 , 0 \r\n");

        string idx = Directory.CreateDirectory(Path.Combine(root, "idx")).FullName;
        byte[] images = Idx(0x0803, [2, 3, 2], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
        byte[] labels = Idx(0x0801, [3], [7, 0, 9]);
        File.WriteAllBytes(Path.Combine(idx, "images"), images);
        File.WriteAllBytes(Path.Combine(idx, "labels"), labels);
        File.WriteAllBytes(Path.Combine(idx, "images.gz"), Gzip(images));
        File.WriteAllBytes(Path.Combine(idx, "labels.gz"), Gzip(labels));
        File.WriteAllBytes(Path.Combine(idx, "empty-labels"), Idx(0x0801, [0], []));
        File.WriteAllBytes(Path.Combine(idx, "truncated-images"), images[..^3]);
        File.WriteAllBytes(Path.Combine(idx, "truncated-labels.gz"), Gzip(labels)[..^6]);
        File.WriteAllBytes(Path.Combine(idx, "huge-count-labels"), Idx(0x0801, [int.MaxValue], [1]));

        string model = Directory.CreateDirectory(Path.Combine(root, "model")).FullName;
        MlpNetwork<float> small = MlpNetwork<float>.Create([3, 4, 2], [0.8, 0.5], DropoutScaling.Inverted, 7, threads: 1);
        MlpNetwork<double> wide = MlpNetwork<double>.Create([2, 3, 3, 1], [1.0, 0.5, 0.9], DropoutScaling.AtInference, 11, threads: 1);
        byte[] smallBytes = Saved(small, model);
        byte[] wideBytes = Saved(wide, model);
        File.WriteAllBytes(Path.Combine(model, "float32"), [0, .. smallBytes]);
        File.WriteAllBytes(Path.Combine(model, "float64"), [2, .. wideBytes]);
        File.WriteAllBytes(Path.Combine(model, "float32-rehash"), [1, .. smallBytes]);
        File.WriteAllBytes(Path.Combine(model, "float64-as-float32-rehash"), [1, .. wideBytes]);
        File.WriteAllBytes(Path.Combine(model, "magic-only"), [0, .. "DLABMODL"u8]);
        File.WriteAllBytes(Path.Combine(model, "truncated-rehash"), [1, .. smallBytes[..40]]);
    }

    private static void Write(string directory, string name, byte mode, string text) =>
        File.WriteAllBytes(Path.Combine(directory, name), [mode, .. Encoding.UTF8.GetBytes(text)]);

    private static byte[] Idx(int magic, int[] sizes, byte[] payload)
    {
        using var buffer = new MemoryStream();
        void BigEndian(int value)
        {
            buffer.WriteByte((byte)(value >> 24));
            buffer.WriteByte((byte)(value >> 16));
            buffer.WriteByte((byte)(value >> 8));
            buffer.WriteByte((byte)value);
        }

        BigEndian(magic);
        foreach (int size in sizes)
        {
            BigEndian(size);
        }

        buffer.Write(payload);
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    private static byte[] Saved<T>(MlpNetwork<T> network, string directory)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        string path = Path.Combine(directory, "scratch.model");
        ModelFile.Save(network, path);
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }
}
