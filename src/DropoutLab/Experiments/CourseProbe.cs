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
/// <remarks>
/// <para>
/// DropConnect: a Dense layer with a weight mask is copied too (the run's W, its current b, a mask of the same
/// keep-prob keyed by the probe's clock), so Monte-Carlo passes draw fresh weight masks. There are no activation
/// masks: <see cref="KeptUnits"/> shows every unit kept, and hidden layer l's own keep-prob acts on the weights of
/// the layer that reads it, so its <see cref="Moments"/> show only the masks upstream of it. For one unit of the next
/// layer, z = Σₖ (mₖ/keepProb)·wₖ·aₖ + b with independent keep bits mₖ on row w: the distribution of inverted
/// dropout on a, which is what <see cref="ExplainUnit"/> draws for that rule.
/// </para>
/// <para>
/// BatchNorm: each is copied with momentum 0 and the run's current γ, β and running statistics, so no probe pass
/// moves the run's running statistics. Training-mode passes over the training set (<see cref="Moments"/>) normalize
/// by the batch statistics of the whole training set, as full-batch training does; Monte-Carlo passes over other
/// points (<see cref="Predictive"/>) and <see cref="BatchNormVarianceShift"/> normalize by the running statistics,
/// only dropout differing from inference.
/// </para>
/// <para>Call it between <see cref="CourseRun.Step"/> calls, on the same thread; not thread-safe.</para>
/// </remarks>
public sealed class CourseProbe
{
    private readonly CourseRun _run;
    private readonly Sequential<double> _probe;
    private readonly int[] _hiddenLayerIndex;
    private readonly int[] _activationIndex;
    private readonly int[] _dropoutIndex;
    private readonly List<(Dense<double> Run, Dense<double> Probe)> _denseCopies = [];
    private readonly List<(BatchNorm<double> Run, BatchNorm<double> Probe)> _batchNormCopies = [];
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
        var dense = new List<int>();
        uint site = 0;
        foreach (ILayer<double> layer in run.Network.Layers)
        {
            if (layer is Dense<double>)
            {
                dense.Add(layers.Count);
            }

            layers.Add(layer switch
            {
                DropoutLayer<double> dropout => ProbeCopy(dropout, random, _clock, site++),
                Dense<double> { WeightMask: { } mask } weighted => CopyDense(weighted, mask, (uint)(dense.Count - 2)),
                BatchNorm<double> batchNorm => CopyBatchNorm(batchNorm),
                _ => layer,
            });
        }

        // Hidden layer l is everything between Dense l + 1 and Dense l + 2; its output is whatever the next Dense reads.
        int hiddenLayers = dense.Count - 1;
        _hiddenLayerIndex = new int[hiddenLayers];
        _activationIndex = new int[hiddenLayers];
        _dropoutIndex = new int[hiddenLayers];
        for (int l = 0; l < hiddenLayers; l++)
        {
            _hiddenLayerIndex[l] = dense[l + 1] - 1;
            _activationIndex[l] = Enumerable.Range(dense[l] + 1, dense[l + 1] - dense[l] - 1).First(i => layers[i] is ReluDropout<double> or Relu<double> or Selu<double>);
            _dropoutIndex[l] = Enumerable.Range(dense[l] + 1, dense[l + 1] - dense[l] - 1).Where(i => layers[i] is DropoutLayer<double>).DefaultIfEmpty(-1).First();
        }

        _probe = new Sequential<double>(layers);
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
        Sync();
        LayerSums[] training = NewSums();
        for (int p = 0; p < passes; p++)
        {
            ForwardSums(_trainFeatures, Mode.Train, Mode.Train, training);
            _clock.Advance();
        }

        LayerSums[] inference = NewSums();
        ForwardSums(_trainFeatures, Mode.Eval, Mode.Eval, inference);
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
        Sync();

        // Welford's recurrence: p̄ₖ = p̄ₖ₋₁ + (pₖ − p̄ₖ₋₁)/k, Sₖ = Sₖ₋₁ + (pₖ − p̄ₖ₋₁)(pₖ − p̄ₖ), σ = √(S_P/P);
        // exactly 0 when every pass agrees.
        double[] mean = new double[count];
        double[] squares = new double[count];
        var probabilities = new Matrix<double>(1, count);
        for (int p = 0; p < passes; p++)
        {
            Matrix<double> logits = Forward(points, Mode.Train, Mode.Eval, sums: null);
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
    /// <paramref name="example"/>; all kept when the layer has no dropout layer (DropConnect masks weights, not units)
    /// or no step has run yet.
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
        if (_dropoutIndex[layer] >= 0 && _run.Network.Layers[_dropoutIndex[layer]] is DropoutLayer<double> dropout && _run.Iteration > 0)
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
    /// training example <paramref name="example"/> at inference and w, b are the next layer's current weights. With
    /// BatchNorm after dropout the picture leaves out the normalization between the mask and w.
    /// </summary>
    public RuleReport ExplainUnit(int layer, int unit, int example, ExplainRule rule, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, HiddenLayers);
        Sync();
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

        // At inference every rule but at-inference passes a unchanged: run up to the layer's activation; a ReLU (fused
        // with dropout or alone) is applied here as max(z, 0), a SELU by its layer.
        Sync();
        int output = _activationIndex[layer];
        bool rectify = _probe.Layers[output] is ReluDropout<double> or Relu<double>;
        int end = rectify ? output : output + 1;
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

    /// <summary>
    /// Per BatchNorm in forward order (empty without any), the variance shift of its input, Li, Chen, Hu and Yang
    /// (CVPR 2019): the mean over its units of Var_on/Var_off, each unit's variance over the training examples (and
    /// <paramref name="passes"/> passes of fresh masks) with dropout on (training masks, or DropConnect's weight
    /// masks) against one pass with dropout off; every BatchNorm normalizes by its running statistics in both, so
    /// only dropout differs. Units whose variance is 0 with dropout off are left out (NaN when all are).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passes"/> is less than 1.</exception>
    public IReadOnlyList<double> BatchNormVarianceShift(int passes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        if (_batchNormCopies.Count == 0)
        {
            return [];
        }

        Sync();
        int[] sites = [.. Enumerable.Range(0, _probe.Layers.Count).Where(i => _probe.Layers[i] is BatchNorm<double>)];
        LayerSums[] on = [.. sites.Select(i => new LayerSums(((BatchNorm<double>)_probe.Layers[i]).Features))];
        LayerSums[] off = [.. sites.Select(i => new LayerSums(((BatchNorm<double>)_probe.Layers[i]).Features))];
        for (int p = 0; p < passes; p++)
        {
            Forward(_trainFeatures, Mode.Train, Mode.Eval, (sites, on));
            _clock.Advance();
        }

        Forward(_trainFeatures, Mode.Eval, Mode.Eval, (sites, off));
        var shifts = new double[sites.Length];
        for (int k = 0; k < sites.Length; k++)
        {
            double total = 0;
            int units = 0;
            for (int u = 0; u < on[k].Units; u++)
            {
                double inference = off[k].UnitVariance(u);
                if (inference > 0)
                {
                    total += on[k].UnitVariance(u) / inference;
                    units++;
                }
            }

            shifts[k] = units > 0 ? total / units : double.NaN;
        }

        return shifts;
    }

    // A copy of a DropConnect Dense layer: the run's W (the same matrix), a b copied by Sync, and a weight mask of the
    // same keep-prob keyed by the probe's clock at the site of the hidden layer it reads.
    private Dense<double> CopyDense(Dense<double> dense, DropConnect<double> mask, uint site)
    {
        var copy = new Dense<double>(dense.Weights.Value, dense.Weights.Name[1..], kernels: mask.Kernels)
        {
            WeightMask = new DropConnect<double>(mask.KeepProb, new CounterMasks(_clock, site), kernels: mask.Kernels),
        };
        _denseCopies.Add((dense, copy));
        return copy;
    }

    // A copy of a BatchNorm with momentum 0 (a training pass leaves its running statistics as they are), the rest set by Sync.
    private BatchNorm<double> CopyBatchNorm(BatchNorm<double> batchNorm)
    {
        var copy = new BatchNorm<double>(batchNorm.Features, batchNorm.Gamma.Name["gamma".Length..], momentum: 0, epsilon: batchNorm.Epsilon);
        _batchNormCopies.Add((batchNorm, copy));
        return copy;
    }

    // The copies take the run's current b, γ, β and running statistics.
    private void Sync()
    {
        foreach ((Dense<double> run, Dense<double> probe) in _denseCopies)
        {
            run.Bias.Value.Data.CopyTo(probe.Bias.Value.Data, 0);
        }

        foreach ((BatchNorm<double> run, BatchNorm<double> probe) in _batchNormCopies)
        {
            run.Gamma.Value.Data.CopyTo(probe.Gamma.Value.Data, 0);
            run.Beta.Value.Data.CopyTo(probe.Beta.Value.Data, 0);
            probe.SetRunningStatistics([.. run.RunningMean], [.. run.RunningVariance]);
        }
    }

    // One pass of the probe network: BatchNorm layers in batchNormMode, every other layer in dropoutMode; with sums,
    // the input of layer sites[k] is added to sums[k].
    private Matrix<double> Forward(Matrix<double> input, Mode dropoutMode, Mode batchNormMode, (int[] Sites, LayerSums[] Sums)? sums)
    {
        Matrix<double> activation = input;
        int k = 0;
        for (int i = 0; i < _probe.Layers.Count; i++)
        {
            if (sums is { } s && k < s.Sites.Length && s.Sites[k] == i)
            {
                s.Sums[k++].Add(activation);
            }

            ILayer<double> layer = _probe.Layers[i];
            activation = layer.Forward(activation, layer is BatchNorm<double> ? batchNormMode : dropoutMode);
        }

        return activation;
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

    // Adds every hidden layer's outputs of one pass to its per-unit sums (the input of the layer after each).
    private void ForwardSums(Matrix<double> input, Mode dropoutMode, Mode batchNormMode, LayerSums[] sums) =>
        Forward(input, dropoutMode, batchNormMode, ([.. _hiddenLayerIndex.Select(i => i + 1)], sums));

    // Σy and Σy² per unit u over the examples (and passes) seen: mean = Σᵤ Σy / N, Var_u = Σy²/n − (Σy/n)².
    private sealed class LayerSums(int units)
    {
        private readonly double[] _sum = new double[units];
        private readonly double[] _squares = new double[units];
        private long _count;

        public int Units => _sum.Length;

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
                total += UnitVariance(u);
            }

            return total / _sum.Length;
        }

        public double UnitVariance(int unit)
        {
            double mean = _sum[unit] / _count;
            return Math.Max(0, (_squares[unit] / _count) - (mean * mean));
        }
    }
}
