namespace DropoutLab.Threading;

/// <summary>
/// One run of the <see cref="ThreadCrew"/>: the parts are claimed one at a time, in increasing order, by the caller
/// and the helpers, and what a part throws is kept against its index. One instance per kind of work is reused by
/// whichever thread holds the crew, so steady-state runs allocate nothing.
/// </summary>
internal abstract class CrewJob
{
    private Exception?[] _failures = [];
    private int _parts;
    private int _nextPart;
    private bool _failed;

    /// <summary>Claims and runs parts until none is left; an <see cref="OutOfMemoryException"/> escapes when <paramref name="rethrowOutOfMemory"/>.</summary>
    public void Participate(bool rethrowOutOfMemory)
    {
        while (true)
        {
            int part = Interlocked.Increment(ref _nextPart);
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

    /// <summary>Prepares a run of <paramref name="parts"/> parts.</summary>
    protected void BeginParts(int parts)
    {
        if (_failures.Length < parts)
        {
            _failures = new Exception?[parts];
        }

        _parts = parts;
        _nextPart = -1;
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
    public void Begin(in TWork work)
    {
        _work = work;
        BeginParts(work.Parts);
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
