using System.Buffers.Binary;
using System.IO.Compression;
using DropoutLab.Data;

namespace DropoutLab.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dropoutlab-idx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

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

    private static byte[] ImageFile(int count, int rows, int columns, out byte[] pixels)
    {
        pixels = new byte[count * rows * columns];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37) + 11);
        }

        return [.. Header(IdxReader.ImagesMagic, count, rows, columns), .. pixels];
    }

    private static byte[] LabelFile(params byte[] labels) => [.. Header(IdxReader.LabelsMagic, labels.Length), .. labels];

    private static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private DataFormatException AssertFormatError(Func<object> read, string path)
    {
        var error = Assert.Throws<DataFormatException>(read);
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_and_labels_round_trip(bool compressed)
    {
        byte[] images = ImageFile(3, 4, 5, out byte[] pixels);
        byte[] labels = LabelFile(7, 0, 9);
        string imagePath = Write(compressed ? "images.gz" : "images", compressed ? Gzip(images) : images);
        string labelPath = Write(compressed ? "labels.gz" : "labels", compressed ? Gzip(labels) : labels);

        IdxImages read = IdxReader.ReadImages(imagePath);
        Assert.Equal((3, 4, 5, 20), (read.Count, read.Rows, read.Columns, read.PixelsPerImage));
        Assert.Equal(pixels, read.Pixels);
        Assert.Equal(new byte[] { 7, 0, 9 }, IdxReader.ReadLabels(labelPath));
    }

    [Fact]
    public void Wrong_magic_is_a_format_error_naming_the_file()
    {
        string labelsAsImages = Write("labels", LabelFile(1, 2));
        var error = AssertFormatError(() => IdxReader.ReadImages(labelsAsImages), labelsAsImages);
        Assert.Contains("0x00000801", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);

        string imagesAsLabels = Write("images", ImageFile(1, 2, 2, out _));
        AssertFormatError(() => IdxReader.ReadLabels(imagesAsLabels), imagesAsLabels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_files_are_format_errors(bool compressed)
    {
        byte[] full = ImageFile(2, 3, 3, out _);
        foreach (int length in new[] { 0, 3, 10, full.Length - 1 })
        {
            byte[] cut = full[..length];
            string path = Write($"cut{length}", compressed ? Gzip(cut) : cut);
            AssertFormatError(() => IdxReader.ReadImages(path), path);
        }
    }

    [Fact]
    public void Truncated_gzip_stream_is_a_format_error()
    {
        byte[] compressed = Gzip(ImageFile(50, 28, 28, out _));
        foreach (int length in new[] { compressed.Length / 2, compressed.Length - 4 })
        {
            string path = Write($"cut{length}.gz", compressed[..length]);
            AssertFormatError(() => IdxReader.ReadImages(path), path);
        }
    }

    [Fact]
    public void Corrupt_gzip_stream_is_a_format_error()
    {
        byte[] compressed = Gzip(ImageFile(50, 28, 28, out _));
        for (int i = 12; i < compressed.Length - 8; i++)
        {
            compressed[i] ^= 0x5A;
        }

        string path = Write("corrupt.gz", compressed);
        AssertFormatError(() => IdxReader.ReadImages(path), path);
    }

    [Fact]
    public void Trailing_bytes_and_negative_sizes_are_format_errors()
    {
        string longer = Write("longer", [.. LabelFile(1, 2, 3), 99]);
        var error = AssertFormatError(() => IdxReader.ReadLabels(longer), longer);
        Assert.Contains("wrong size", error.Message, StringComparison.Ordinal);

        string negative = Write("negative", Header(IdxReader.ImagesMagic, 1, -28, 28));
        AssertFormatError(() => IdxReader.ReadImages(negative), negative);
    }

    private void WriteDataset(byte[] trainLabels, byte[] testLabels, int trainCount = 3, int testCount = 2)
    {
        Write(MnistDataset.TrainImagesFile + ".gz", Gzip(ImageFile(trainCount, 28, 28, out _)));
        Write(MnistDataset.TrainLabelsFile + ".gz", Gzip(LabelFile(trainLabels)));
        Write(MnistDataset.TestImagesFile, ImageFile(testCount, 28, 28, out _));
        Write(MnistDataset.TestLabelsFile, LabelFile(testLabels));
    }

    [Fact]
    public void Mnist_dataset_loads_scaled_features_and_labels()
    {
        WriteDataset([1, 2, 9], [0, 5]);
        MnistDataset data = MnistDataset.Load(_directory);

        Assert.Equal(10, data.ClassCount);
        Assert.Equal(784, data.FeatureCount);
        Assert.Equal(3, data.Train.Count);
        Assert.Equal(3 * 784, data.Train.Features.Length);
        Assert.Equal(new[] { 1, 2, 9 }, data.Train.Labels);
        Assert.Equal(new[] { 0, 5 }, data.Test.Labels);
        Assert.All(data.Train.Features, x => Assert.InRange(x, 0f, 1f));

        ImageFile(3, 28, 28, out byte[] pixels);
        Assert.Equal(pixels[100] / 255f, data.Train.Features[100]);
        Assert.Equal(pixels[2 * 784] / 255f, data.Train.Features[2 * 784]);
    }

    [Fact]
    public void Mnist_dataset_rejects_count_mismatch_and_bad_labels()
    {
        WriteDataset([1, 2], [0, 5]);
        var mismatch = Assert.Throws<DataFormatException>(() => MnistDataset.Load(_directory));
        Assert.EndsWith(MnistDataset.TrainLabelsFile + ".gz", mismatch.FilePath, StringComparison.Ordinal);

        WriteDataset([1, 2, 3], [0, 10]);
        var badLabel = Assert.Throws<DataFormatException>(() => MnistDataset.Load(_directory));
        Assert.Contains("label 10", badLabel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mnist_dataset_reports_a_missing_file()
    {
        WriteDataset([1, 2, 3], [0, 5]);
        File.Delete(Path.Combine(_directory, MnistDataset.TestLabelsFile));
        var missing = Assert.Throws<FileNotFoundException>(() => MnistDataset.Load(_directory));
        Assert.Contains(MnistDataset.TestLabelsFile, missing.Message, StringComparison.Ordinal);
    }
}
