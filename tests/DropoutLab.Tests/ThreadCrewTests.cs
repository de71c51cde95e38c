using System.Collections.Concurrent;
using DropoutLab.Threading;

namespace DropoutLab.Tests;

public class ThreadCrewTests
{
    [Fact]
    public void Threads_WhenBandZeroFails_StillWaitForEveryHelper()
    {
        // Band 0 throws at once while bands 1 and 2 are still running: Run may throw only after they have finished,
        // since a helper that is still running would be writing into memory the caller no longer pins.
        var log = new BandLog(slowBands: [1, 2], failingBands: [0]);
        var failure = Assert.Throws<AggregateException>(() => ThreadCrew.Run(new ScriptedBands(3, log), 3));
        Assert.Equal(3, log.Finished);
        Assert.Equal("band 0", Assert.IsType<InvalidOperationException>(Assert.Single(failure.InnerExceptions)).Message);
    }

    [Fact]
    public void Threads_ReportEveryFailedBandInOrder_AndStayUsable()
    {
        var log = new BandLog(slowBands: [2], failingBands: [0, 1, 2]);
        var failure = Assert.Throws<AggregateException>(() => ThreadCrew.Run(new ScriptedBands(3, log), 3));
        Assert.Equal(3, log.Finished);
        Assert.Equal(["band 0", "band 1", "band 2"], failure.InnerExceptions.Select(e => e.Message));

        // The crew survives failures: the next job runs every band and returns normally.
        var next = new BandLog(slowBands: [], failingBands: []);
        ThreadCrew.Run(new ScriptedBands(3, next), 3);
        Assert.Equal(3, next.Finished);
    }

    [Fact]
    public void Threads_WhenOnlyAHelperFails_RethrowItAfterTheCallerBand()
    {
        var log = new BandLog(slowBands: [0], failingBands: [1]);
        var failure = Assert.Throws<AggregateException>(() => ThreadCrew.Run(new ScriptedBands(2, log), 2));
        Assert.Equal(2, log.Finished);
        Assert.Equal("band 1", Assert.Single(failure.InnerExceptions).Message);
    }

    [Fact]
    public void Threads_OnTheCallerAlone_RunEveryBandAndReportFailuresTheSameWay()
    {
        // One participant: no helper, every band on the calling thread in order, failures still collected.
        var log = new BandLog(slowBands: [], failingBands: [0, 2]);
        var failure = Assert.Throws<AggregateException>(() => ThreadCrew.Run(new ScriptedBands(3, log), 1));
        Assert.Equal(3, log.Finished);
        Assert.Equal(["band 0", "band 2"], failure.InnerExceptions.Select(e => e.Message));
    }

    [Fact]
    public void APartThatRunsTheCrewAgain_RunsItsInnerPartsOnItsOwnThread()
    {
        // The crew's lock is re-entrant for its holder; a nested run must not restart the helpers that are busy
        // with the outer job. Every inner part of every outer part runs exactly once.
        var counts = new int[4 * 5];
        ThreadCrew.Run(new NestedWork(counts, outer: true, offset: 0), ThreadCrew.Degree(0));
        Assert.All(counts, count => Assert.Equal(1, count));
    }

    [Fact]
    public void RangeRunner_CutsTheRangeIntoTheSamePartitionsAsBefore()
    {
        // d = min(2, cores) threads, P = min(4·d, ⌊1000 / 10⌋) parts, part p = [⌊1000·p/P⌋, ⌊1000·(p + 1)/P⌋).
        const int Count = 1000;
        int degree = ThreadCrew.Degree(2);
        int parts = degree <= 1 ? 1 : Math.Min(4 * degree, Count / 10);
        (int Start, int End)[] expected = [.. Enumerable.Range(0, parts).Select(p => ((int)((long)Count * p / parts), (int)((long)Count * (p + 1) / parts)))];
        var body = new RecordingBody(new ConcurrentBag<(int, int)>(), new int[Count]);
        RangeRunner.Run(body, Count, minimumPartitionSize: 10, maxDegreeOfParallelism: 2);

        Assert.Equal(expected, body.Ranges.OrderBy(range => range.Item1).ToArray());
        Assert.All(body.Hits, hit => Assert.Equal(1, hit));
    }

    [Fact]
    public void RangeRunner_OnOneThreadOrASmallRange_MakesOneCallOverTheWholeRange()
    {
        var serial = new RecordingBody(new ConcurrentBag<(int, int)>(), new int[1000]);
        RangeRunner.Run(serial, 1000, minimumPartitionSize: 10, maxDegreeOfParallelism: 1);
        Assert.Equal([(0, 1000)], serial.Ranges);

        var small = new RecordingBody(new ConcurrentBag<(int, int)>(), new int[15]);
        RangeRunner.Run(small, 15, minimumPartitionSize: 10, maxDegreeOfParallelism: 2);
        Assert.Equal([(0, 15)], small.Ranges);
    }

    private readonly struct RecordingBody(ConcurrentBag<(int, int)> ranges, int[] hits) : IRangeBody
    {
        public ConcurrentBag<(int, int)> Ranges => ranges;

        public int[] Hits => hits;

        public void Run(int start, int end)
        {
            ranges.Add((start, end));
            for (int i = start; i < end; i++)
            {
                Interlocked.Increment(ref hits[i]);
            }
        }
    }

    // Outer part p runs an inner job of 5 parts that count at [5·p + i].
    private readonly struct NestedWork(int[] counts, bool outer, int offset) : ICrewWork
    {
        public int Parts => outer ? 4 : 5;

        public void Execute(int part)
        {
            if (outer)
            {
                Thread.Sleep(20);
                ThreadCrew.Run(new NestedWork(counts, outer: false, offset: 5 * part), 2);
            }
            else
            {
                Interlocked.Increment(ref counts[offset + part]);
            }
        }
    }
}

/// <summary>What the bands of a <see cref="ScriptedBands"/> job did; shared by the threads that run them.</summary>
internal sealed class BandLog(int[] slowBands, int[] failingBands)
{
    private int _finished;

    /// <summary>Bands that have returned or thrown.</summary>
    public int Finished => Volatile.Read(ref _finished);

    public void Execute(int part)
    {
        try
        {
            if (slowBands.Contains(part))
            {
                // Long enough that a caller which did not wait would be seen returning first.
                Thread.Sleep(300);
            }

            if (failingBands.Contains(part))
            {
                throw new InvalidOperationException($"band {part}");
            }
        }
        finally
        {
            Interlocked.Increment(ref _finished);
        }
    }
}

/// <summary>A job for <see cref="ThreadCrew"/> whose bands sleep or throw as scripted.</summary>
internal readonly struct ScriptedBands(int parts, BandLog log) : ICrewWork
{
    public int Parts { get; } = parts;

    public void Execute(int part) => log.Execute(part);
}
