namespace DropoutLab.Threading;

/// <summary>
/// One parallel run of a body over [0, count), cut into fixed partitions that the caller
/// and thread-pool workers claim in any order. The object is recycled once the caller and
/// every queued worker have released it, so steady-state runs allocate nothing.
/// The body must not throw.
/// </summary>
internal sealed class RangeJob<TBody> : IThreadPoolWorkItem
    where TBody : struct, IRangeBody
{
    private static RangeJob<TBody>? s_spare;

    private readonly ManualResetEventSlim _done = new(false);
    private TBody _body;
    private int _count;
    private int _partitions;
    private int _nextPartition;
    private int _pendingPartitions;
    private int _references;

    public static RangeJob<TBody> Rent() => Interlocked.Exchange(ref s_spare, null) ?? new RangeJob<TBody>();

    public void Start(in TBody body, int count, int partitions, int workers)
    {
        _body = body;
        _count = count;
        _partitions = partitions;
        _nextPartition = -1;
        _pendingPartitions = partitions;
        _references = workers + 1;
        _done.Reset();
    }

    void IThreadPoolWorkItem.Execute()
    {
        Participate();
        Release();
    }

    /// <summary>Claims and runs partitions until none is left.</summary>
    public void Participate()
    {
        while (true)
        {
            int partition = Interlocked.Increment(ref _nextPartition);
            if (partition >= _partitions)
            {
                return;
            }

            int start = (int)((long)_count * partition / _partitions);
            int end = (int)((long)_count * (partition + 1) / _partitions);
            _body.Run(start, end);
            if (Interlocked.Decrement(ref _pendingPartitions) == 0)
            {
                _done.Set();
            }
        }
    }

    /// <summary>Blocks until every partition has finished.</summary>
    public void WaitForPartitions()
    {
        if (Volatile.Read(ref _pendingPartitions) != 0)
        {
            _done.Wait();
        }
    }

    /// <summary>Drops one reference; the last one returns the job for reuse.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _body = default;
            Interlocked.CompareExchange(ref s_spare, this, null);
        }
    }
}
