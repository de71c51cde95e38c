namespace DropoutLab.Data;

/// <summary>What an existing path is, after following symbolic links.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path (or a symbolic link points nowhere).</summary>
    Missing,

    /// <summary>A regular file: the only kind a temporary file may be renamed over.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A character device such as /dev/null, /dev/full or a terminal: written in place, never replaced.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A named pipe (FIFO).</summary>
    Fifo,

    /// <summary>A Unix-domain socket.</summary>
    Socket,
}
