using System.Diagnostics;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// The network and the one fixed batch that <c>bench mlp</c> times: X ~ U[0, 1) (features × batch) and labels
/// yⱼ = ⌊u·C⌋, u ~ U[0, 1), from a generator seeded apart from the weights'; each step is a full float32 training step.
/// </summary>
internal sealed class TimedSteps
{
    private readonly TrainingStep<float> _step;
    private readonly Matrix<float> _inputs;
    private readonly int[] _labels;
    private readonly int _batch;

    public TimedSteps(MlpSettings settings)
    {
        MlpNetwork<float> model = MlpNetwork<float>.Create(settings.Layers, settings.KeepProbs, settings.Scaling, settings.Seed, settings.Threads, settings.InitGain, batchNorm: settings.BatchNorm, dropout: settings.Dropout, activation: settings.Activation, maskShare: settings.MaskShare);
        _step = new TrainingStep<float>(model, settings, settings.BatchSize);
        _batch = settings.BatchSize;
        int classes = settings.Layers[^1];
        var random = new NumpyRandomState(unchecked((uint)settings.Seed ^ 0xbe4cu));
        _inputs = new Matrix<float>(settings.Layers[0], _batch);
        for (int i = 0; i < _inputs.Data.Length; i++)
        {
            _inputs.Data[i] = (float)random.NextDouble();
        }

        _labels = new int[_batch];
        for (int j = 0; j < _batch; j++)
        {
            _labels[j] = Math.Min((int)(random.NextDouble() * classes), classes - 1);
        }
    }

    /// <summary>Mean cross-entropy of the last step's batch.</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Runs <paramref name="steps"/> training steps and returns their wall-clock seconds.</summary>
    public double Run(int steps)
    {
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < steps; s++)
        {
            LastLoss = _step.Run(_inputs, _labels).SumLoss / _batch;
        }

        return clock.Elapsed.TotalSeconds;
    }
}
