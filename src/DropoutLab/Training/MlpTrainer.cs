using System.Diagnostics;
using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;
using DropoutLab.Random;
using DropoutLab.Settings;

namespace DropoutLab.Training;

/// <summary>
/// Mini-batch training of a dropout MLP with softmax cross-entropy. Each epoch visits the training set in an order
/// shuffled from the seed (Fisher–Yates) in full batches (the last ⌊N mod B⌋ examples of each shuffle wait for a
/// later epoch, so every step has the same shape and allocates nothing). After the first step no buffer is
/// allocated; the same seed gives bit-identical parameters on any thread count.
/// </summary>
public sealed class MlpTrainer<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly MlpSettings _settings;

    private readonly ComputeKernels _kernels;

    /// <summary>Creates a trainer on the fast or the reference kernels; the settings are validated here.</summary>
    /// <exception cref="SettingException">A setting is out of range.</exception>
    public MlpTrainer(MlpSettings settings, ComputeKernels kernels = ComputeKernels.Fast)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _kernels = kernels;
    }

    /// <summary>Trains a new network on <paramref name="train"/>, scoring <paramref name="test"/> after every epoch.</summary>
    /// <exception cref="SettingException">The batch size exceeds the number of training examples.</exception>
    /// <exception cref="DataFormatException">
    /// The examples do not fit the first layer's width or the classes of the last, or a feature value is not finite.
    /// </exception>
    /// <exception cref="TrainingDivergedException">A loss or a parameter became NaN or ±∞; no result is returned.</exception>
    /// <exception cref="TrainingInterruptedException"><paramref name="cancellation"/> was cancelled; the run stopped before a step.</exception>
    public MlpResult<T> Train(LabeledData train, LabeledData test, Action<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        Train(train, test, new TrainingOptions { Progress = progress, Cancellation = cancellation });

    /// <summary>
    /// Trains on <paramref name="train"/>, scoring <paramref name="test"/> after every epoch, with the progress,
    /// cancellation, checkpoints and resume point of <paramref name="options"/>. A resumed run ends with the
    /// parameters (and parameter hash) of the run that was never interrupted.
    /// </summary>
    /// <exception cref="SettingException">The batch size exceeds the number of training examples.</exception>
    /// <exception cref="DataFormatException">
    /// The examples do not fit the network, or the checkpoint to resume from cannot be read or was made with other
    /// settings or data (the message names the first difference), or a feature value is not finite.
    /// </exception>
    /// <exception cref="TrainingDivergedException">A loss or a parameter became NaN or ±∞; no result is returned.</exception>
    /// <exception cref="TrainingInterruptedException">The cancellation token was cancelled; the run stopped before a step.</exception>
    /// <exception cref="NotSupportedException">Checkpoints are asked for in a run that <see cref="CheckpointsSupported"/> refuses.</exception>
    public MlpResult<T> Train(LabeledData train, LabeledData test, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CheckpointEvery);
        if (options.CheckpointEvery > 0 && options.CheckpointPath is null)
        {
            throw new ArgumentException("checkpoints need a CheckpointPath.", nameof(options));
        }

        CheckData(train);
        CheckData(test);
        MlpSettings s = _settings;
        if (!CheckpointsSupported(s) && (options.CheckpointEvery > 0 || options.ResumeFrom is not null))
        {
            throw new NotSupportedException("checkpoints store only Bernoulli dropout with ReLU, element masks and no batch normalization yet.");
        }

        SettingCheck.Require(s.BatchSize <= train.Count, SettingNames.BatchSize, $"must be at most the number of training examples ({train.Count})", SettingCheck.Text(s.BatchSize));
        TrainingCheckpoint<T>? resume = null;
        if (options.ResumeFrom is { } resumePath)
        {
            resume = TrainingCheckpointFile.Load<T>(resumePath);
            resume.RequireResumable(s, train, resumePath);
        }

        MlpNetwork<T> model = MlpNetwork<T>.Create(s.Layers, s.KeepProbs, s.Scaling, s.Seed, s.Threads, s.InitGain, _kernels, s.BatchNorm, s.Dropout, s.Activation, s.MaskShare);
        model.Standardization = s.Standardize ? InputStandardization.Of(train) : InputStandardization.None;
        var trainingStep = new TrainingStep<T>(model, s, train.Count);
        int batch = s.BatchSize;
        int stepsPerEpoch = train.Count / batch;
        var x = new Matrix<T>(train.FeatureCount, batch);
        int[] labels = new int[batch];
        int[] order = [.. Enumerable.Range(0, train.Count)];
        var shuffle = new NumpyRandomState(unchecked((uint)(s.Seed * 2654435761UL) ^ 0x5eed));
        var scorer = new Classifier<T>(model, batch);
        var epochs = new List<EpochReport>(s.Epochs);
        double earlierSeconds = 0;
        if (resume is not null)
        {
            resume.RestoreInto(model, trainingStep.Optimizer, order, shuffle, options.ResumeFrom!);
            epochs.AddRange(resume.Reports);
            trainingStep.StepOffset = (long)resume.Epoch * stepsPerEpoch;
            earlierSeconds = resume.TrainSeconds;
        }

        int checkpointEpoch = 0;
        var total = Stopwatch.StartNew();
        for (int epoch = epochs.Count + 1; epoch <= s.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            FisherYates.Shuffle(order, shuffle);
            double lossSum = 0;
            long right = 0;
            for (int step = 0; step < stepsPerEpoch; step++)
            {
                if (options.Cancellation.IsCancellationRequested)
                {
                    throw new TrainingInterruptedException(epoch, s.Epochs, checkpointEpoch, options.Cancellation);
                }

                BatchGather.Gather(train, order, step * batch, batch, x, labels, model.Standardization);
                trainingStep.LearningRate = s.Schedule.At(s.LearningRate, ((long)(epoch - 1) * stepsPerEpoch) + step, (long)s.Epochs * stepsPerEpoch);
                StepOutcome outcome = trainingStep.Run(x, labels);
                lossSum += outcome.SumLoss;
                right += outcome.Correct;
                int seen = (step + 1) * batch;
                options.Progress?.Invoke(new TrainingProgress(epoch, step + 1, stepsPerEpoch, lossSum / seen, (double)right / seen));
            }

            EvaluationReport testReport = scorer.Evaluate(test);
            int examples = stepsPerEpoch * batch;
            epochs.Add(new EpochReport(epoch, lossSum / examples, (double)right / examples, testReport.LogLoss, testReport.Accuracy, clock.Elapsed.TotalSeconds));
            if (options.CheckpointEvery > 0 && (epoch % options.CheckpointEvery == 0 || epoch == s.Epochs))
            {
                var checkpoint = TrainingCheckpoint<T>.Capture(s, train, epoch, (long)epoch * stepsPerEpoch, model, trainingStep.Optimizer, order, shuffle, epochs, earlierSeconds + total.Elapsed.TotalSeconds);
                TrainingCheckpointFile.Save(checkpoint, options.CheckpointPath!);
                if (options.CheckpointModelPath is { } modelPath)
                {
                    ModelFile.Save(model, modelPath);
                }

                checkpointEpoch = epoch;
            }
        }

        total.Stop();
        return new MlpResult<T>(epochs, scorer.Evaluate(test), earlierSeconds + total.Elapsed.TotalSeconds, ParameterHash.Sha256(model.Network.Parameters), model);
    }

    /// <summary>
    /// True when runs of <paramref name="settings"/> can write and resume checkpoints: Bernoulli dropout, ReLU, no
    /// batch normalization and element masks (checkpoints do not store the variant, the activation, the mask sharing or
    /// batch-norm statistics yet).
    /// </summary>
    public static bool CheckpointsSupported(MlpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.BatchNorm == BatchNormPlacement.None && settings.Dropout == DropoutVariant.Bernoulli && settings.Activation == HiddenActivation.Relu && settings.MaskShare == MaskSharing.Element;
    }

    private void CheckData(LabeledData data)
    {
        if (data.FeatureCount != _settings.Layers[0])
        {
            throw new DataFormatException($"examples have {data.FeatureCount} features but the first layer width is {_settings.Layers[0]}.", data.Source);
        }

        if (!FiniteCheck.AllFinite<float>(data.Features))
        {
            int at = Array.FindIndex(data.Features, value => !float.IsFinite(value));
            throw new DataFormatException($"example {(at / data.FeatureCount) + 1}, feature {(at % data.FeatureCount) + 1} is {data.Features[at].ToString(System.Globalization.CultureInfo.InvariantCulture)} (NaN, or beyond the float32 range ±3.4e38); training needs finite inputs.", data.Source);
        }

        int classes = _settings.Layers[^1];
        for (int j = 0; j < data.Labels.Length; j++)
        {
            if (data.Labels[j] >= classes)
            {
                throw new DataFormatException($"example {j + 1} has label {data.Labels[j]}, not below the {classes} classes of the output layer.", data.Source);
            }
        }
    }
}
