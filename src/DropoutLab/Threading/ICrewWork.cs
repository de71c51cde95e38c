namespace DropoutLab.Threading;

/// <summary>
/// Work cut into independent parts 0 … Parts − 1 that may run on different threads in any order: each part writes
/// only its own outputs, so which thread runs it never changes a bit.
/// </summary>
internal interface ICrewWork
{
    /// <summary>Number of parts.</summary>
    int Parts { get; }

    /// <summary>Computes part <paramref name="part"/> on the calling thread.</summary>
    void Execute(int part);
}
