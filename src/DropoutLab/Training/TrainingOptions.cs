namespace DropoutLab.Training;

/// <summary>How <see cref="MlpTrainer{T}.Train(Data.LabeledData, Data.LabeledData, TrainingOptions)"/> reports, stops, checkpoints and resumes.</summary>
public sealed class TrainingOptions
{
    /// <summary>Called after every step; may be null.</summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>Checked before every step; when cancelled the run throws <see cref="TrainingInterruptedException"/>.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Write a checkpoint after every this many epochs (and after the last); 0 writes none.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Where checkpoints go (replaced atomically each time); required when <see cref="CheckpointEvery"/> &gt; 0.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>When set, the model so far is also written here (a model file) with every checkpoint.</summary>
    public string? CheckpointModelPath { get; init; }

    /// <summary>
    /// A checkpoint to continue from: training resumes after its epoch and ends with the parameters an uninterrupted
    /// run would have, bit for bit. Its settings and data shape must equal the trainer's (thread counts may differ).
    /// </summary>
    public string? ResumeFrom { get; init; }
}
