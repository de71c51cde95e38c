using System.Buffers.Binary;
using System.IO.Compression;

namespace DropoutLab.Data;

/// <summary>
/// Reads IDX files (LeCun's MNIST format), plain or gzip-compressed (detected by the gzip
/// magic 1F 8B): a big-endian magic 0x0000_08_NN (unsigned bytes, NN dimensions), then NN
/// big-endian int32 sizes, then exactly the product of the sizes in bytes.
/// </summary>
internal static class IdxReader
{
    /// <summary>Magic of a rank-3 unsigned-byte tensor (images × rows × columns).</summary>
    public const int ImagesMagic = 0x0000_0803;

    /// <summary>Magic of a rank-1 unsigned-byte tensor (labels).</summary>
    public const int LabelsMagic = 0x0000_0801;

    /// <summary>Reads an image file at <paramref name="path"/>.</summary>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = OpenDecompressed(path, out bool compressed);
        IdxImages images = ReadImages(stream, path, out uint crc, out long length);
        VerifyGzipTrailer(path, compressed, crc, length);
        return images;
    }

    /// <summary>Reads a label file at <paramref name="path"/>.</summary>
    public static byte[] ReadLabels(string path)
    {
        using Stream stream = OpenDecompressed(path, out bool compressed);
        byte[] labels = ReadLabels(stream, path, out uint crc, out long length);
        VerifyGzipTrailer(path, compressed, crc, length);
        return labels;
    }

    /// <summary>Reads an uncompressed image tensor from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static IdxImages ReadImages(Stream stream, string? sourceName) => ReadImages(stream, sourceName, out _, out _);

    /// <summary>Reads an uncompressed label vector from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static byte[] ReadLabels(Stream stream, string? sourceName) => ReadLabels(stream, sourceName, out _, out _);

    private static IdxImages ReadImages(Stream stream, string? sourceName, out uint crc, out long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new Cursor(stream, sourceName);
        reader.ExpectMagic(ImagesMagic, "image");
        int count = reader.ReadDimension("image count");
        int rows = reader.ReadDimension("row count");
        int columns = reader.ReadDimension("column count");
        // Three int32 sizes can multiply past long's range; Int128 holds any product exactly.
        Int128 total = (Int128)count * rows * columns;
        if (total > Array.MaxLength || (long)rows * columns > Array.MaxLength)
        {
            throw reader.Error($"{count}×{rows}×{columns} pixels exceed the largest array", 4);
        }

        byte[] pixels = reader.ReadPayload((int)total);
        (crc, length) = (reader.Crc, reader.Offset);
        return new IdxImages(count, rows, columns, pixels);
    }

    private static byte[] ReadLabels(Stream stream, string? sourceName, out uint crc, out long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new Cursor(stream, sourceName);
        reader.ExpectMagic(LabelsMagic, "label");
        int count = reader.ReadDimension("label count");
        byte[] labels = reader.ReadPayload(count);
        (crc, length) = (reader.Crc, reader.Offset);
        return labels;
    }

    /// <summary>
    /// A gzip member ends with CRC-32 and size mod 2^32 of its content (RFC 1952); the
    /// decompressor stops quietly when they are cut off, so a truncated file is caught here.
    /// </summary>
    private static void VerifyGzipTrailer(string path, bool compressed, uint crc, long length)
    {
        if (!compressed)
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        Span<byte> trailer = stackalloc byte[8];
        if (file.Length < 18)
        {
            throw new DataFormatException("truncated gzip stream", path);
        }

        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc
            || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)length)
        {
            throw new DataFormatException("truncated or corrupt gzip stream: CRC-32/size trailer does not match the content", path, offset: length);
        }
    }

    /// <summary>Opens <paramref name="path"/>, transparently decompressing gzip content.</summary>
    private static Stream OpenDecompressed(string path, out bool compressed)
    {
        compressed = false;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> signature = stackalloc byte[2];
            int read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 2 && signature[0] == 0x1F && signature[1] == 0x8B)
            {
                compressed = true;
                return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A forward reader that tracks the decompressed offset for error messages.</summary>
    private sealed class Cursor(Stream stream, string? sourceName)
    {
        private const int InitialPayloadBuffer = 1 << 20;

        private long _offset;

        public long Offset => _offset;

        public uint Crc { get; private set; }

        public DataFormatException Error(string message, long offset) =>
            new(message, sourceName, offset: offset);

        public void ExpectMagic(int expected, string kind)
        {
            int magic = ReadInt32BigEndian("magic number");
            if (magic != expected)
            {
                throw Error($"magic number 0x{magic:X8} is not the IDX {kind} magic 0x{expected:X8}", 0);
            }
        }

        public int ReadDimension(string what)
        {
            long at = _offset;
            int size = ReadInt32BigEndian(what);
            if (size < 0)
            {
                throw Error($"{what} {size} is negative", at);
            }

            return size;
        }

        public byte[] ReadPayload(int length)
        {
            if (length > Array.MaxLength)
            {
                throw Error($"{length} data bytes exceed the largest array", _offset);
            }

            // The buffer grows with the bytes that actually follow, so a header that promises gigabytes
            // in a short (or gzip-compressed) file is reported as truncated rather than allocated.
            var payload = new byte[Math.Min(length, InitialPayloadBuffer)];
            int read = 0;
            while (true)
            {
                read += Fill(payload.AsSpan(read));
                if (read < payload.Length || payload.Length == length)
                {
                    break;
                }

                Array.Resize(ref payload, (int)Math.Min(length, 2L * payload.Length));
            }

            if (read < length)
            {
                throw Error($"truncated: header declares {length} data bytes but only {read} follow", _offset);
            }

            Span<byte> probe = stackalloc byte[1];
            if (Fill(probe) != 0)
            {
                throw Error($"wrong size: more than the {length} data bytes the header declares", _offset - 1);
            }

            return payload;
        }

        private int ReadInt32BigEndian(string what)
        {
            Span<byte> bytes = stackalloc byte[4];
            long at = _offset;
            if (Fill(bytes) < 4)
            {
                throw Error($"truncated: file ends inside the {what}", at);
            }

            return BinaryPrimitives.ReadInt32BigEndian(bytes);
        }

        /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; corrupt gzip becomes a format error.</summary>
        private int Fill(Span<byte> buffer)
        {
            int total;
            try
            {
                total = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException corrupt)
            {
                throw new DataFormatException($"corrupt compressed data: {corrupt.Message}", sourceName, offset: _offset, innerException: corrupt);
            }

            _offset += total;
            Crc = Crc32.Append(Crc, buffer[..total]);
            return total;
        }
    }
}
