namespace DropoutLab.Threading;

/// <summary>
/// One run of the <see cref="ThreadCrew"/>: participant q (the caller is 0) runs part q, then the remaining parts are
/// claimed one at a time, in increasing order, by whoever is free, and what a part throws is kept against its index. One instance per kind of work is reused by
/// whichever thread holds the crew, so steady-state runs allocate nothing.
/// </summary>
internal abstract class CrewJob
{
    private Exception?[] _failures = [];
    private int _parts;
    private int _nextPart;
    private bool _failed;

    /// <summary>Runs part <paramref name="participant"/>, then claims and runs parts until none is left; an <see cref="OutOfMemoryException"/> escapes when <paramref name="rethrowOutOfMemory"/>.</summary>
    public void Participate(int participant, bool rethrowOutOfMemory)
    {
        // Participant q runs part q first (a GEMM cut into one band per participant keeps the static split, so no
        // participant waits on another's wake-up); parts beyond the participants go to whoever is free.
        int part = participant;
        while (true)
        {
            if (part >= _parts)
            {
                return;
            }

            try
            {
                Execute(part);
            }
            catch (Exception e) when (!rethrowOutOfMemory || e is not OutOfMemoryException)
            {
                _failures[part] = e;
                Volatile.Write(ref _failed, true);
            }

            part = Interlocked.Increment(ref _nextPart);
        }
    }

    /// <summary>What the parts threw, in part order, or null; read after every participant has returned.</summary>
    public List<Exception>? Failures()
    {
        if (!_failed)
        {
            return null;
        }

        var failures = new List<Exception>();
        for (int part = 0; part < _parts; part++)
        {
            if (_failures[part] is { } failure)
            {
                failures.Add(failure);
            }
        }

        return failures;
    }

    /// <summary>Prepares a run of <paramref name="parts"/> parts among <paramref name="participants"/> participants.</summary>
    protected void BeginParts(int parts, int participants)
    {
        if (_failures.Length < parts)
        {
            _failures = new Exception?[parts];
        }

        _parts = parts;
        _nextPart = participants - 1;
        _failed = false;
    }

    /// <summary>Forgets the run, so no exception or work outlives it.</summary>
    protected void EndParts()
    {
        Array.Clear(_failures);
        _parts = 0;
        _failed = false;
    }

    /// <summary>Computes part <paramref name="part"/> on the calling thread.</summary>
    protected abstract void Execute(int part);
}

/// <summary>The <see cref="CrewJob"/> of one kind of work.</summary>
internal sealed class CrewJob<TWork> : CrewJob
    where TWork : struct, ICrewWork
{
    private TWork _work;

    /// <summary>The instance used by whichever thread holds the crew.</summary>
    public static CrewJob<TWork> Shared { get; } = new();

    /// <summary>Prepares a run of every part of <paramref name="work"/>.</summary>
    public void Begin(in TWork work, int participants)
    {
        _work = work;
        BeginParts(work.Parts, participants);
    }

    /// <summary>Forgets the work and its failures.</summary>
    public void End()
    {
        _work = default;
        EndParts();
    }

    /// <inheritdoc />
    protected override void Execute(int part) => _work.Execute(part);
}
