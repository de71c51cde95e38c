namespace DropoutLab.Data;

/// <summary>
/// Writes a file so it is never seen half-written, and never replaces anything but a regular file. What is at the
/// path decides how (symbolic links are followed):
/// <list type="bullet">
/// <item>nothing or a regular file: the content goes to a temporary file in the same folder, which is then renamed
/// over the path (a link to a regular file keeps pointing at it: the rename happens at the link's final target);</item>
/// <item>a character device (/dev/null, /dev/full, a terminal) or a FIFO (a pipe, /dev/stdout through a pipe):
/// written in place, never renamed over, so the device or pipe stays what it is; a failed write (ENOSPC on
/// /dev/full) leaves nothing behind;</item>
/// <item>a directory, a block device or a socket: refused with <see cref="DataFormatException"/> before anything is written.</item>
/// </list>
/// </summary>
internal static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> against a temporary file, then renames it to <paramref name="path"/> (or writes in place, see the class summary).</summary>
    /// <exception cref="DataFormatException">The folder does not exist or cannot be written, the path is a directory, block device or socket, or a write failed.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Target(path);
        if (WritesInPlace(path))
        {
            InPlace(path, write);
            return;
        }

        string temporary = TemporaryPath(path, target, string.Empty);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new DataFormatException($"cannot write the file ({ex.Message.TrimEnd('.')}).", path);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Lets <paramref name="render"/> create a file at the temporary path it is given (for writers that only take a
    /// path), then puts it at <paramref name="path"/> by the rules of the class summary. The temporary file ends in
    /// <paramref name="extension"/> and is never left behind.
    /// </summary>
    /// <exception cref="DataFormatException">As for <see cref="Write(string, Action{Stream})"/>.</exception>
    public static void WriteFrom(string path, string extension, Action<string> render)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(render);
        string target = Target(path);
        bool inPlace = WritesInPlace(path);
        // A device's folder (/dev) never receives a temporary file: the rendering goes to the temporary folder.
        string temporary = inPlace
            ? Path.Combine(Path.GetTempPath(), $"dropoutlab.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{extension}")
            : TemporaryPath(path, target, extension);
        try
        {
            render(temporary);
            if (inPlace)
            {
                InPlace(path, stream =>
                {
                    using var rendered = new FileStream(temporary, FileMode.Open, FileAccess.Read);
                    rendered.CopyTo(stream);
                });
            }
            else
            {
                File.Move(temporary, target, overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot write the file ({ex.Message.TrimEnd('.')}).", path);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) atomically.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>
    /// True when <paramref name="path"/> is a character device or a FIFO (written in place); false when it is missing
    /// or a regular file (replaced by a rename).
    /// </summary>
    /// <exception cref="DataFormatException">It is a directory, a block device or a socket.</exception>
    public static bool WritesInPlace(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileKind kind = FileKinds.Of(path);
        return kind switch
        {
            FileKind.Missing or FileKind.Regular => false,
            FileKind.CharacterDevice or FileKind.Fifo => true,
            _ => throw new DataFormatException($"cannot write: it is {FileKinds.Describe(kind)}, not a regular file.", path),
        };
    }

    // The path the rename replaces: the final target of a symbolic link, so the link survives and nothing is
    // renamed over the link itself (/dev/stdout is one).
    private static string Target(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            FileSystemInfo? final = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
            return final is null ? full : Path.GetFullPath(final.FullName);
        }
        catch (IOException)
        {
            return full;
        }
    }

    private static string TemporaryPath(string path, string target, string extension)
    {
        string folder = Path.GetDirectoryName(target) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new DataFormatException($"cannot write: folder '{folder}' does not exist.", path);
        }

        return Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{extension}");
    }

    // Opens the existing device or pipe without creating or truncating anything and writes straight into it.
    private static void InPlace(string path, Action<Stream> write)
    {
        try
        {
            using var stream = new FileStream(Path.GetFullPath(path), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            write(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot write the file ({ex.Message.TrimEnd('.')}).", path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
