namespace DropoutLab.Threading;

/// <summary>
/// [0, count) cut into <c>parts</c> ranges for the <see cref="ThreadCrew"/>: part p covers
/// [⌊count·p/parts⌋, ⌊count·(p + 1)/parts⌋).
/// </summary>
internal readonly struct RangeParts<TBody>(TBody body, int count, int parts) : ICrewWork
    where TBody : struct, IRangeBody
{
    public int Parts => parts;

    public void Execute(int part)
    {
        int start = (int)((long)count * part / parts);
        int end = (int)((long)count * (part + 1) / parts);
        body.Run(start, end);
    }
}
