using System.CommandLine;
using System.Globalization;
using DropoutLab.Cli.Output;
using DropoutLab.Settings;

namespace DropoutLab.Cli;

/// <summary>
/// The memory limit of the commands that allocate by their flags (train, study, bench mlp, bench dropout): work whose
/// <see cref="MemoryEstimate"/> is above the limit is refused before it starts (exit 2, the estimate in the message);
/// the limit is <c>--max-memory</c>, or 80% of the available memory (the smaller of /proc/meminfo's MemAvailable and
/// the GC's available memory, which honours a container's limit). Work allowed but large (1 GiB or more, or 10 million
/// parameters or more) is announced with one line on standard error, so a long run is never silent.
/// </summary>
public static class MemoryBudget
{
    /// <summary>The flag.</summary>
    public const string Flag = "--max-memory";

    /// <summary>The share of the available memory allowed without <see cref="Flag"/>.</summary>
    public const double DefaultShare = 0.8;

    /// <summary>Work at or above this many bytes is announced.</summary>
    public const long AnnounceBytes = 1L << 30;

    /// <summary>Work at or above this many parameters is announced.</summary>
    public const long AnnounceParameters = 10_000_000;

    /// <summary>The <c>--max-memory SIZE</c> option, e.g. 4GiB, 512MiB, 2GB or a number of bytes.</summary>
    public static Option<string?> CreateOption()
    {
        var option = new Option<string?>(Flag)
        {
            Description = "Refuse to start when the estimated memory is above SIZE, e.g. 4GiB, 512MiB, 2GB or bytes (default: 80% of the available memory)",
        };
        option.Validators.Add(result =>
        {
            string? text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (text is not null && !ByteSize.TryParse(text, out _))
            {
                result.AddError($"{Flag} must be a size such as 4GiB, 512MiB, 2GB or a number of bytes, but got '{text}'.");
            }
        });
        return option;
    }

    /// <summary>
    /// Refuses <paramref name="estimate"/> above the limit (<see cref="UsageException"/>), or announces it on
    /// <paramref name="error"/> when it is large; <paramref name="work"/> says what it is ("training a 784-1024-10 MLP").
    /// </summary>
    public static void Check(ParseResult parsed, Option<string?> option, MemoryEstimate estimate, string work, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(option);
        (long limit, string source) = Limit(parsed.GetValue(option));
        Check(estimate, work, limit, source, error);
    }

    /// <summary>As <see cref="Check(ParseResult, Option{string?}, MemoryEstimate, string, TextWriter)"/> with the limit given.</summary>
    public static void Check(MemoryEstimate estimate, string work, long limit, string limitSource, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(error);
        string parameters = estimate.Parameters > 0 ? string.Create(CultureInfo.InvariantCulture, $", {estimate.Parameters:N0} parameters") : string.Empty;
        if (estimate.Bytes > limit)
        {
            throw new UsageException(
                $"{work} needs about {ByteSize.Format(estimate.Bytes)} of memory{parameters}, above the limit of {ByteSize.Format(limit)} ({limitSource}); make it smaller or raise {Flag}.");
        }

        if (estimate.Bytes >= AnnounceBytes || estimate.Parameters >= AnnounceParameters)
        {
            error.WriteLine($"dropout-lab: {work}: about {ByteSize.Format(estimate.Bytes)} of memory{parameters}; this may take a while.");
        }
    }

    /// <summary>The limit in bytes and where it comes from: <paramref name="given"/> (a <see cref="Flag"/> value) or 80% of the available memory.</summary>
    public static (long Bytes, string Source) Limit(string? given)
    {
        if (given is not null && ByteSize.TryParse(given, out long bytes))
        {
            return (bytes, $"{Flag} {given}");
        }

        long available = AvailableBytes();
        return ((long)(available * DefaultShare), $"80% of the {ByteSize.Format(available)} available");
    }

    /// <summary>Memory available to this process: the smaller of MemAvailable (/proc/meminfo) and the GC's total available memory.</summary>
    public static long AvailableBytes()
    {
        long gc = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long? meminfo = MemAvailable();
        return meminfo is { } free && (gc <= 0 || free < gc) ? free : gc;
    }

    private static long? MemAvailable()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0] == "MemAvailable:" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                {
                    return kib * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
