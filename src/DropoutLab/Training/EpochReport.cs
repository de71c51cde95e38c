namespace DropoutLab.Training;

/// <summary>One epoch: mean training loss and accuracy over its mini-batches (with dropout on), then test metrics.</summary>
public sealed record EpochReport(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds);

/// <summary>Where training is, for progress displays.</summary>
public readonly record struct TrainingProgress(int Epoch, int Step, int StepsPerEpoch, double MeanLoss, double Accuracy);

/// <summary>What a training run produced.</summary>
public sealed record MlpResult<T>(
    IReadOnlyList<EpochReport> Epochs,
    EvaluationReport Test,
    double TrainSeconds,
    string ParametersSha256,
    MlpNetwork<T> Model)
    where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>;
