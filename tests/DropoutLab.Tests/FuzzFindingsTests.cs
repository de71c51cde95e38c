using System.Buffers.Binary;
using System.IO.Compression;
using DropoutLab.Data;

namespace DropoutLab.Tests;

/// <summary>
/// Inputs found by the afl-fuzz harnesses in bench/fuzz (see bench/fuzz/RESULTS.md) that made a reader throw
/// something other than <see cref="DataFormatException"/>, kept byte for byte, with the smallest cases behind them.
/// </summary>
public sealed class FuzzFindingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dropoutlab-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Header(int magic, params int[] sizes)
    {
        var bytes = new byte[4 * (sizes.Length + 1)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * (i + 1)), sizes[i]);
        }

        return bytes;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }

    private static void AssertFormatError(Func<object> read, string path)
    {
        var error = Assert.Throws<DataFormatException>(read);
        Assert.Equal(path, error.FilePath);
    }

    /// <summary>afl idx crash 1: 8388611 × 268435457 × 151386875 overflowed long and then the int cast (OverflowException).</summary>
    [Fact]
    public void Image_sizes_whose_product_overflows_are_a_format_error()
    {
        byte[] found = [0x00, 0x00, 0x08, 0x03, 0x00, 0x80, 0x00, 0x03, 0x10, 0x00, 0x00, 0x01, 0x09, 0x05, 0xFA, 0xFB];
        string path = Write("found-images", found);
        AssertFormatError(() => IdxReader.ReadImages(path), path);
    }

    /// <summary>afl idx crash 0: a truncated gzip member whose image header overflows the same way.</summary>
    [Fact]
    public void Gzip_images_with_overflowing_sizes_are_a_format_error()
    {
        byte[] found =
        [
            0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x40, 0x00, 0x02, 0x03, 0x63, 0x60, 0xE0, 0x60, 0x66, 0x60,
            0xEB, 0x02, 0x62, 0xBF, 0xFF, 0xFE, 0x03, 0x00, 0xC0, 0x20, 0x4E, 0x40, 0x1A, 0x00, 0x00, 0x00,
        ];
        string path = Write("found-images.gz", found);
        AssertFormatError(() => IdxReader.ReadImages(path), path);
    }

    /// <summary>2^21 × 2^21 × 2^22 is 2^64, which wrapped to 0 in a long: a header-only file read as two million empty images.</summary>
    [Fact]
    public void Image_sizes_wrapping_to_zero_are_not_accepted()
    {
        string path = Write("wrapping-images", Header(IdxReader.ImagesMagic, 1 << 21, 1 << 21, 1 << 22));
        AssertFormatError(() => IdxReader.ReadImages(path), path);
    }

    /// <summary>Zero images of 65536×65536 pixels: rows·columns does not fit the int PixelsPerImage.</summary>
    [Fact]
    public void Zero_images_of_an_unrepresentable_size_are_a_format_error()
    {
        string path = Write("zero-huge-images", Header(IdxReader.ImagesMagic, 0, 1 << 16, 1 << 16));
        AssertFormatError(() => IdxReader.ReadImages(path), path);
    }

    /// <summary>Seed huge-count-labels: a label count of int.MaxValue (beyond Array.MaxLength) was an OutOfMemoryException.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Label_count_beyond_the_largest_array_is_a_format_error(bool compressed)
    {
        byte[] content = [.. Header(IdxReader.LabelsMagic, int.MaxValue), 1];
        string path = Write(compressed ? "huge-labels.gz" : "huge-labels", compressed ? Gzip(content) : content);
        AssertFormatError(() => IdxReader.ReadLabels(path), path);
    }

    /// <summary>A short file that promises Array.MaxLength labels is reported as truncated without allocating 2 GB for them.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_short_file_claiming_two_gigabytes_is_truncated_without_allocating_them(bool compressed)
    {
        byte[] content = [.. Header(IdxReader.LabelsMagic, Array.MaxLength), 1, 2, 3];
        string path = Write(compressed ? "claims-2gb.gz" : "claims-2gb", compressed ? Gzip(content) : content);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(11, error.Offset);
        Assert.True(allocated < 64 << 20, $"allocated {allocated} bytes");
    }
}
