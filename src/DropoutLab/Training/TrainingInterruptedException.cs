namespace DropoutLab.Training;

/// <summary>
/// Training stopped before a step because its cancellation token was cancelled. The message reads
/// "<c>interrupted at epoch {Epoch} of {Epochs}</c>".
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    /// <summary>Creates the exception for a run stopped during <paramref name="epoch"/> of <paramref name="epochs"/>.</summary>
    /// <param name="epoch">The epoch that was running (1-based).</param>
    /// <param name="epochs">The epochs the run was to train.</param>
    /// <param name="checkpointEpoch">The epoch of the last checkpoint this run wrote, or 0 when it wrote none.</param>
    /// <param name="cancellation">The token that was cancelled.</param>
    public TrainingInterruptedException(int epoch, int epochs, int checkpointEpoch, CancellationToken cancellation)
        : base($"interrupted at epoch {epoch} of {epochs}", cancellation)
    {
        Epoch = epoch;
        Epochs = epochs;
        CheckpointEpoch = checkpointEpoch;
    }

    /// <summary>The epoch that was running when training stopped (1-based).</summary>
    public int Epoch { get; }

    /// <summary>The epochs the run was to train.</summary>
    public int Epochs { get; }

    /// <summary>The epoch of the last checkpoint written by this run, or 0 when none was.</summary>
    public int CheckpointEpoch { get; }
}
