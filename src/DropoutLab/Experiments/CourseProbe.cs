// Dimension key: L hidden layers l = 0 … L − 1 of widths nₗ; m training examples; G probe points; P mask passes.
using DropoutLab.Explain;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// Looks inside a <see cref="CourseRun"/> between its steps without disturbing it: a second copy of the network
/// shares the run's Dense layers (so it always has the current weights) but has dropout layers of its own, with the
/// same keep-probs and scaling rule, drawing fresh masks from a generator of the probe's. The run's own masks and
/// random stream are never touched, so probing does not change a single bit of the training.
/// </summary>
/// <remarks>Call it between <see cref="CourseRun.Step"/> calls, on the same thread; not thread-safe.</remarks>
public sealed class CourseProbe
{
    private readonly CourseRun _run;
    private readonly Sequential<double> _probe;
    private readonly int[] _hiddenLayerIndex;
    private readonly Matrix<double> _trainFeatures;
    private readonly uint _explainSeed;
    private readonly MaskClock _clock;

    /// <summary>
    /// A probe of <paramref name="run"/> whose masks come from numpy's generator seeded with <paramref name="seed"/>
    /// (Gaussian noise from a counter clock keyed by the same seed, advanced after every training-mode pass).
    /// </summary>
    public CourseProbe(CourseRun run, uint seed = 7)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = run;
        _explainSeed = seed;
        var random = new NumpyRandomState(seed);
        _clock = new MaskClock(seed);
        var layers = new List<ILayer<double>>();
        var hidden = new List<int>();
        uint site = 0;
        foreach (ILayer<double> layer in run.Network.Layers)
        {
            // A hidden layer's output is whatever the next Dense layer reads.
            if (layer is Dense<double> && layers.Count > 0)
            {
                hidden.Add(layers.Count - 1);
            }

            layers.Add(layer is DropoutLayer<double> dropout ? ProbeCopy(dropout, random, _clock, site++) : layer);
        }

        _probe = new Sequential<double>(layers);
        _hiddenLayerIndex = [.. hidden];
        _trainFeatures = run.Train.FeaturesAs<double>();
    }

    /// <summary>The number of hidden layers L.</summary>
    public int HiddenLayers => _hiddenLayerIndex.Length;

    /// <summary>
    /// Per hidden layer l, the mean and the per-unit variance of what the next layer receives: in training over
    /// <paramref name="passes"/> forward passes with fresh masks (every layer in training mode, so upstream masks
    /// count too), at inference over one pass with dropout at its inference rule; both over the training examples.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 1.</exception>
    public IReadOnlyList<HiddenLayerMoments> Moments(int passes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        LayerSums[] training = NewSums();
        for (int p = 0; p < passes; p++)
        {
            ForwardSums(_trainFeatures, Mode.Train, training);
            _clock.Advance();
        }

        LayerSums[] inference = NewSums();
        ForwardSums(_trainFeatures, Mode.Eval, inference);
        var moments = new HiddenLayerMoments[HiddenLayers];
        for (int l = 0; l < moments.Length; l++)
        {
            moments[l] = new HiddenLayerMoments(
                l,
                _run.Settings.KeepProbOf(l),
                training[l].Mean(),
                inference[l].Mean(),
                training[l].MeanUnitVariance(),
                inference[l].MeanUnitVariance());
        }

        return moments;
    }

    /// <summary>
    /// Monte-Carlo dropout at <paramref name="points"/> (2 × G, one point per column): the mean and the standard
    /// deviation √(Σₚ(pₚ − p̄)²/P) of P(y = 1) over <paramref name="passes"/> training-mode passes with fresh masks.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 1.</exception>
    public PredictiveSpread Predictive(Matrix<double> points, int passes)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        int count = points.Columns;

        // Welford's recurrence: p̄ₖ = p̄ₖ₋₁ + (pₖ − p̄ₖ₋₁)/k, Sₖ = Sₖ₋₁ + (pₖ − p̄ₖ₋₁)(pₖ − p̄ₖ), σ = √(S_P/P);
        // exactly 0 when every pass agrees.
        double[] mean = new double[count];
        double[] squares = new double[count];
        var probabilities = new Matrix<double>(1, count);
        for (int p = 0; p < passes; p++)
        {
            Matrix<double> logits = _probe.Forward(points, Mode.Train);
            _clock.Advance();
            SigmoidCrossEntropy<double>.Probabilities(logits, probabilities);
            for (int g = 0; g < count; g++)
            {
                double probability = probabilities.Data[g];
                double previous = mean[g];
                mean[g] = previous + ((probability - previous) / (p + 1));
                squares[g] += (probability - previous) * (probability - mean[g]);
            }
        }

        double[] deviation = new double[count];
        for (int g = 0; g < count; g++)
        {
            deviation[g] = Math.Sqrt(squares[g] / passes);
        }

        return new PredictiveSpread(mean, deviation);
    }

    /// <summary>
    /// Which units of hidden layer <paramref name="layer"/> the run's last training step kept for training example
    /// <paramref name="example"/>; all kept when the layer has no dropout or no step has run yet.
    /// </summary>
    public bool[] KeptUnits(int layer, int example)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, HiddenLayers);
        int m = _run.Train.Count;
        ArgumentOutOfRangeException.ThrowIfNegative(example);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(example, m);
        int units = _run.Settings.HiddenSizes[layer];
        var kept = new bool[units];
        Array.Fill(kept, true);
        if (_run.Network.Layers[_hiddenLayerIndex[layer]] is DropoutLayer<double> dropout && _run.Iteration > 0)
        {
            for (int u = 0; u < units; u++)
            {
                kept[u] = dropout.WasKept((u * m) + example);
            }
        }

        return kept;
    }

    /// <summary>
    /// The <c>explain</c> picture of <paramref name="rule"/> for unit <paramref name="unit"/> of the layer after hidden
    /// layer <paramref name="layer"/>: z = w·y + b over <paramref name="trials"/> masks of that layer alone (every
    /// trial's z kept in <see cref="NextLayerStatistics.Samples"/>), where a is hidden layer l's activation for
    /// training example <paramref name="example"/> at inference and w, b are the next layer's current weights.
    /// </summary>
    public RuleReport ExplainUnit(int layer, int unit, int example, ExplainRule rule, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, HiddenLayers);
        var next = (Dense<double>)_probe.Layers[_hiddenLayerIndex[layer] + 1];
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, next.OutputUnits);
        var settings = new ExplainSettings
        {
            KeepProb = _run.Settings.KeepProbOf(layer),
            Activations = HiddenActivations(layer, example),
            Weights = next.Weights.Value.Row(unit).ToArray(),
            Bias = next.Bias.Value.Data[unit],
            Trials = trials,
            KeepSamples = true,
        };
        settings.Validate();
        return ExplainExperiment.Report(rule, settings, MomentSimulation.Run(rule, settings, new NumpyRandomState(_explainSeed)));
    }

    /// <summary>Hidden layer <paramref name="layer"/>'s activations a (after its ReLU or SELU, before dropout) for one training example at inference.</summary>
    public double[] HiddenActivations(int layer, int example)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, HiddenLayers);
        ArgumentOutOfRangeException.ThrowIfNegative(example);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(example, _trainFeatures.Columns);
        var input = new Matrix<double>(_trainFeatures.Rows, 1);
        for (int f = 0; f < input.Rows; f++)
        {
            input[f, 0] = _trainFeatures[f, example];
        }

        // At inference every rule but at-inference passes a unchanged: stop before the dropout layer, or after the
        // activation when the layer has none; a ReLU (fused with dropout or alone) is applied here as max(z, 0).
        int output = _hiddenLayerIndex[layer];
        ILayer<double> last = _probe.Layers[output];
        bool rectify = last is ReluDropout<double> or Relu<double>;
        int end = rectify || last is DropoutLayer<double> ? output : output + 1;
        Matrix<double> activation = input;
        for (int i = 0; i < end; i++)
        {
            activation = _probe.Layers[i].Forward(activation, Mode.Eval);
        }

        double[] a = new double[activation.Rows];
        for (int u = 0; u < a.Length; u++)
        {
            a[u] = rectify ? Math.Max(0, activation[u, 0]) : activation[u, 0];
        }

        return a;
    }

    // The probe's own layer of the same kind, keepProb and rule, drawing from the probe's generator or clock.
    private static DropoutLayer<double> ProbeCopy(DropoutLayer<double> dropout, NumpyRandomState random, MaskClock clock, uint site) => dropout switch
    {
        ReluDropout<double> => new ReluDropout<double>(dropout.KeepProb, dropout.Scaling, new NumpyStreamMasks(random), kernels: dropout.Kernels),
        Dropout<double> => new Dropout<double>(dropout.KeepProb, dropout.Scaling, new NumpyStreamMasks(random), kernels: dropout.Kernels),
        AlphaDropout<double> => new AlphaDropout<double>(dropout.KeepProb, new NumpyStreamMasks(random)),
        GaussianDropout<double> => new GaussianDropout<double>(dropout.KeepProb, new CounterMasks(clock, site)),
        _ => throw new ArgumentException($"The probe cannot copy a {dropout.GetType().Name}.", nameof(dropout)),
    };

    private LayerSums[] NewSums() => [.. _run.Settings.HiddenSizes.Select(units => new LayerSums(units))];

    // Adds every hidden layer's outputs of one pass to its per-unit sums.
    private void ForwardSums(Matrix<double> input, Mode mode, LayerSums[] sums)
    {
        Matrix<double> activation = input;
        int l = 0;
        for (int i = 0; i < _probe.Layers.Count; i++)
        {
            activation = _probe.Layers[i].Forward(activation, mode);
            if (l < _hiddenLayerIndex.Length && _hiddenLayerIndex[l] == i)
            {
                sums[l++].Add(activation);
            }
        }
    }

    // Σy and Σy² per unit u over the examples (and passes) seen: mean = Σᵤ Σy / N, Var_u = Σy²/n − (Σy/n)².
    private sealed class LayerSums(int units)
    {
        private readonly double[] _sum = new double[units];
        private readonly double[] _squares = new double[units];
        private long _count;

        public void Add(Matrix<double> output)
        {
            for (int u = 0; u < _sum.Length; u++)
            {
                foreach (double y in output.Row(u))
                {
                    _sum[u] += y;
                    _squares[u] += y * y;
                }
            }

            _count += output.Columns;
        }

        public double Mean() => _sum.Sum() / (_count * (double)_sum.Length);

        public double MeanUnitVariance()
        {
            double total = 0;
            for (int u = 0; u < _sum.Length; u++)
            {
                double mean = _sum[u] / _count;
                total += Math.Max(0, (_squares[u] / _count) - (mean * mean));
            }

            return total / _sum.Length;
        }
    }
}
