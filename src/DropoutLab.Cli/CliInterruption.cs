using System.Runtime.InteropServices;

namespace DropoutLab.Cli;

/// <summary>
/// SIGINT and SIGTERM for the commands that can stop cleanly. While such a command runs (it called
/// <see cref="Honour"/>), the first signal cancels <see cref="Token"/> and keeps the runtime from ending the process:
/// the command stops at its next step, writes nothing half-done, prints one line and exits
/// <see cref="ExitCodes.Interrupted"/> (SIGINT) or <see cref="ExitCodes.Terminated"/> (SIGTERM). When no running
/// command honours signals, or at a second signal, the signal ends the process at once, as it would without this class.
/// </summary>
public sealed class CliInterruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private volatile bool _honoured;
    private volatile int _exitCode = ExitCodes.Interrupted;

    /// <summary>The token the honouring command watches; cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether a stop was requested.</summary>
    public bool IsRequested => _source.IsCancellationRequested;

    /// <summary>The exit code for the requested stop: 130 after SIGINT, 143 after SIGTERM.</summary>
    public int ExitCode => _exitCode;

    /// <summary>An interruption that hears SIGINT and SIGTERM of this process until disposed.</summary>
    public static CliInterruption ListenToSignals()
    {
        var interruption = new CliInterruption();
        interruption._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, interruption.OnSignal));
        interruption._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, interruption.OnSignal));
        return interruption;
    }

    /// <summary>Declares that the running command stops cleanly when <see cref="Token"/> is cancelled, and returns it.</summary>
    public CancellationToken Honour()
    {
        _honoured = true;
        return _source.Token;
    }

    /// <summary>Requests a stop as <paramref name="signal"/> would (SIGTERM: exit 143, anything else: exit 130).</summary>
    public void Request(PosixSignal signal)
    {
        _exitCode = signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        _source.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (!_honoured || _source.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        Request(context.Signal);
    }
}
