using DropoutLab.Data;

namespace DropoutLab.Cli;

/// <summary>
/// Checks a command's output paths before it does any work. An output that is the same file as one of the command's
/// inputs (after symbolic links, realpath-style, or through a hard link: same device and inode) is refused, naming
/// both flags; so is an output that exists and is a directory, a block device or a socket, which
/// <see cref="AtomicFile"/> would refuse only after the work. Character devices and FIFOs are allowed: they are
/// written in place. Every refusal is a <see cref="UsageException"/> (exit 2).
/// </summary>
public sealed class OutputGuard
{
    private const int MaxLinkHops = 40;
    private readonly List<(string Flag, string Path)> _inputs = [];
    private readonly List<(string Flag, string Path)> _outputs = [];

    /// <summary>An input file read by the command; null (flag not given) is ignored.</summary>
    public OutputGuard Input(string flag, string? path)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (!string.IsNullOrEmpty(path))
        {
            _inputs.Add((flag, path));
        }

        return this;
    }

    /// <summary>The files <paramref name="names"/> inside an input folder (e.g. the IDX files of <c>--data DIR</c>).</summary>
    public OutputGuard InputFolder(string flag, string? folder, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (!string.IsNullOrEmpty(folder))
        {
            foreach (string name in names)
            {
                Input(flag, Path.Combine(folder, name));
            }
        }

        return this;
    }

    /// <summary>An output file the command writes; null (flag not given) is ignored.</summary>
    public OutputGuard Output(string flag, string? path)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (!string.IsNullOrEmpty(path))
        {
            _outputs.Add((flag, path));
        }

        return this;
    }

    /// <summary>The files <paramref name="names"/> the command writes inside an output folder (e.g. <c>--plots DIR</c>).</summary>
    public OutputGuard OutputFolder(string flag, string? folder, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (!string.IsNullOrEmpty(folder))
        {
            foreach (string name in names)
            {
                Output(flag, Path.Combine(folder, name));
            }
        }

        return this;
    }

    /// <summary>Throws <see cref="UsageException"/> for the first output that is an input or cannot be replaced.</summary>
    public void Check()
    {
        var inputs = _inputs.Select(input => (input.Flag, input.Path, Real: RealPath(input.Path), Id: FileKinds.Identity(input.Path))).ToList();
        foreach ((string flag, string path) in _outputs)
        {
            string real = RealPath(path);
            (ulong, ulong)? id = FileKinds.Identity(path);
            foreach ((string inputFlag, string inputPath, string inputReal, (ulong, ulong)? inputId) in inputs)
            {
                if (string.Equals(real, inputReal, StringComparison.Ordinal) || (id is not null && id == inputId))
                {
                    throw new UsageException($"{flag} {path} is the same file as {inputFlag} {inputPath}; an output never replaces an input, choose another path.");
                }
            }

            FileKind kind = FileKinds.Of(path);
            if (kind is FileKind.Directory or FileKind.BlockDevice or FileKind.Socket)
            {
                throw new UsageException($"{flag} {path} is {FileKinds.Describe(kind)}, not a regular file; it is never replaced, choose another path.");
            }
        }
    }

    /// <summary>
    /// The absolute path with every symbolic link resolved, component by component (realpath semantics); the parts
    /// that do not exist are kept as written. A loop of links stops after 40 hops.
    /// </summary>
    public static string RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Resolve(path, 0);
    }

    private static string Resolve(string path, int hops)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null)
        {
            return full;
        }

        string folder = Resolve(parent, hops);
        string candidate = Path.Combine(folder, Path.GetFileName(full));
        string? link = LinkTarget(candidate);
        if (link is null || hops >= MaxLinkHops)
        {
            return candidate;
        }

        return Resolve(Path.IsPathRooted(link) ? link : Path.Combine(folder, link), hops + 1);
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
