using System.Runtime.InteropServices;

namespace DropoutLab.Data;

/// <summary>
/// Classifies a path with <c>statx(2)</c> on Linux (following symbolic links, as <c>stat</c> does); elsewhere a
/// path is a directory, a regular file or missing. <c>struct statx</c> has the same layout on every Linux
/// architecture: <c>stx_mode</c> is read at byte 28, <c>stx_ino</c> at 32 and <c>stx_dev_major</c>/<c>stx_dev_minor</c> at 136/140.
/// </summary>
internal static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int InodeOffset = 32;
    private const int DeviceMajorOffset = 136;
    private const int DeviceMinorOffset = 140;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;

    /// <summary>The kind of <paramref name="path"/>, following symbolic links.</summary>
    public static FileKind Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux() && TryStatx(path, out FileKind kind))
        {
            return kind;
        }

        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>
    /// The (device, inode) pair of an existing path, following symbolic links: two paths with the same identity are
    /// the same file, even through hard links or bind mounts. Null when the path does not exist or not on Linux.
    /// </summary>
    public static (ulong Device, ulong Inode)? Identity(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        byte[] buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType | StatxIno, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        ulong device = ((ulong)BitConverter.ToUInt32(buffer, DeviceMajorOffset) << 32) | BitConverter.ToUInt32(buffer, DeviceMinorOffset);
        return (device, BitConverter.ToUInt64(buffer, InodeOffset));
    }

    /// <summary>"a directory", "a FIFO (named pipe)", …: for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static bool TryStatx(string path, out FileKind kind)
    {
        kind = FileKind.Missing;
        byte[] buffer = new byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, StatxType, buffer);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        if (result != 0)
        {
            // ENOENT, ENOTDIR, ELOOP, a dangling link: nothing usable is there; EACCES and the like: let the caller's
            // own open fail with the real reason.
            int errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20;
        }

        int mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        kind = mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Regular,
        };
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
