using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Training;

/// <summary>
/// An MLP with dropout: [InputDropout] → Dense → ReluDropout → … → Dense → softmax by default, or with Gaussian or
/// alpha dropout and ReLU or SELU (<see cref="Dropout"/>, <see cref="Activation"/>), with per-element or per-unit masks
/// (<see cref="MaskShare"/>), or with DropConnect masks on the dense layers' weights instead. Masks come from
/// counter-based Philox streams (<see cref="MaskClock"/>), so training is bit-identical on any thread count.
/// </summary>
public sealed class MlpNetwork<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private MlpNetwork(Sequential<T> network, MaskClock clock, IReadOnlyList<int> layers, IReadOnlyList<double> keepProbs, DropoutScaling scaling, BatchNormPlacement batchNorm, DropoutVariant dropout, HiddenActivation activation, MaskSharing maskShare)
    {
        MaskShare = maskShare;
        BatchNorm = batchNorm;
        Dropout = dropout;
        Activation = activation;
        Network = network;
        Clock = clock;
        Layers = layers;
        KeepProbs = keepProbs;
        Scaling = scaling;
    }

    /// <summary>The layers.</summary>
    public Sequential<T> Network { get; }

    /// <summary>The mask clock (seed and step) shared by the dropout layers.</summary>
    public MaskClock Clock { get; }

    /// <summary>Widths from inputs to outputs.</summary>
    public IReadOnlyList<int> Layers { get; }

    /// <summary>Keep probability of the inputs, then of each hidden layer.</summary>
    public IReadOnlyList<double> KeepProbs { get; }

    /// <summary>The scaling rule.</summary>
    public DropoutScaling Scaling { get; }

    /// <summary>Where each hidden layer has its batch normalization (<see cref="BatchNormPlacement.None"/> by default).</summary>
    public BatchNormPlacement BatchNorm { get; }

    /// <summary>The dropout variant on the inputs and every hidden layer (<see cref="DropoutVariant.Bernoulli"/> by default).</summary>
    public DropoutVariant Dropout { get; }

    /// <summary>The hidden layers' activation (<see cref="HiddenActivation.Relu"/> by default).</summary>
    public HiddenActivation Activation { get; }

    /// <summary>Whether the dropout layers draw one bit per element (<see cref="MaskSharing.Element"/>, the default) or per unit.</summary>
    public MaskSharing MaskShare { get; }

    /// <summary>The DropConnect weight masks in order (none unless <see cref="Dropout"/> is <see cref="DropoutVariant.DropConnect"/>).</summary>
    public IEnumerable<DropConnect<T>> WeightMasks => DenseLayers.Select(dense => dense.WeightMask).OfType<DropConnect<T>>();

    /// <summary>The batch-normalization layers in order (none unless <see cref="BatchNorm"/> places them).</summary>
    public IEnumerable<BatchNorm<T>> BatchNormLayers => Network.Layers.OfType<BatchNorm<T>>();

    /// <summary>How raw input values are mapped before the first layer (identity unless the trainer standardizes).</summary>
    public InputStandardization Standardization { get; set; } = InputStandardization.None;

    /// <summary>The dense layers in order.</summary>
    public IEnumerable<Dense<T>> DenseLayers => Network.Layers.OfType<Dense<T>>();

    /// <summary>
    /// Builds the network with Wₗ ~ N(0, gain/nₗ₋₁) drawn in layer order from a numpy-compatible generator seeded
    /// with <paramref name="seed"/> (gain 2 is He initialization, gain 1 LeCun's), and zero biases; batch
    /// normalization, when <paramref name="batchNorm"/> places it, starts at γ = 1, β = 0 and draws nothing.
    /// <paramref name="dropout"/> and <paramref name="activation"/> choose the variant and the hidden activation
    /// (alpha dropout needs SELU and <paramref name="initGain"/> 1, LeCun's initialization), <paramref name="maskShare"/>
    /// per-element or per-unit masks.
    /// </summary>
    public static MlpNetwork<T> Create(IReadOnlyList<int> layers, IReadOnlyList<double> keepProbs, DropoutScaling scaling, ulong seed, int threads, double initGain = 2.0, ComputeKernels kernels = ComputeKernels.Fast, BatchNormPlacement batchNorm = BatchNormPlacement.None, DropoutVariant dropout = DropoutVariant.Bernoulli, HiddenActivation activation = HiddenActivation.Relu, MaskSharing maskShare = MaskSharing.Element)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initGain);
        ArgumentNullException.ThrowIfNull(layers);
        var random = new NumpyRandomState(unchecked((uint)seed ^ (uint)(seed >> 32)));
        var weights = new List<Matrix<T>>();
        for (int l = 1; l < layers.Count; l++)
        {
            var w = new Matrix<T>(layers[l], layers[l - 1]);
            double std = Math.Sqrt(initGain / layers[l - 1]);
            for (int i = 0; i < w.Data.Length; i++)
            {
                w.Data[i] = T.CreateChecked(random.NextGaussian() * std);
            }

            weights.Add(w);
        }

        return FromWeights(weights, keepProbs, scaling, seed, threads, kernels, batchNorm, dropout, activation, maskShare);
    }

    /// <summary>
    /// Builds the network around existing weights (o × i each); biases start at zero. Each hidden layer l is
    /// Dense → ReluDropout, Dense → BatchNorm → ReluDropout (<see cref="BatchNormPlacement.BeforeDropout"/>) or
    /// Dense → ReluDropout → BatchNorm (<see cref="BatchNormPlacement.AfterDropout"/>), the batch-norm parameters
    /// named "gamma{l}" and "beta{l}" with PyTorch's momentum 0.1 and ε = 10⁻⁵. The fused ReluDropout is used only
    /// for Bernoulli dropout with ReLU; any other choice builds Dense → activation (ReLU or SELU) → dropout variant
    /// (Bernoulli, Gaussian or alpha), on the same mask sites (inputs 0, hidden layers 1, 2, …), each with the
    /// <paramref name="maskShare"/> sharing. <see cref="DropoutVariant.DropConnect"/> builds no dropout layer: Dense l
    /// (from 1) gets a <see cref="DropConnect{T}"/> weight mask on site l − 1 with keepProbs[l − 1] (none when that is
    /// 1), and each hidden layer is Dense → [BatchNorm] → activation → [BatchNorm].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The placement, variant, activation or sharing is unknown, or the variant is not Bernoulli and the scaling not
    /// inverted, or DropConnect is asked for with feature sharing (its one mask per mini-batch is already shared).
    /// </exception>
    public static MlpNetwork<T> FromWeights(IReadOnlyList<Matrix<T>> weights, IReadOnlyList<double> keepProbs, DropoutScaling scaling, ulong seed, int threads, ComputeKernels kernels = ComputeKernels.Fast, BatchNormPlacement batchNorm = BatchNormPlacement.None, DropoutVariant dropout = DropoutVariant.Bernoulli, HiddenActivation activation = HiddenActivation.Relu, MaskSharing maskShare = MaskSharing.Element)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(keepProbs);
        if (!Enum.IsDefined(batchNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(batchNorm), batchNorm, "Unknown batch-norm placement.");
        }

        if (!Enum.IsDefined(dropout) || (dropout != DropoutVariant.Bernoulli && scaling != DropoutScaling.Inverted))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Unknown dropout variant, or a Gaussian, alpha or DropConnect variant with a scaling rule other than inverted.");
        }

        if (!Enum.IsDefined(maskShare) || (maskShare == MaskSharing.Feature && dropout == DropoutVariant.DropConnect))
        {
            throw new ArgumentOutOfRangeException(nameof(maskShare), maskShare, "Unknown mask sharing, or feature sharing with DropConnect (its one weight mask per mini-batch is already shared by every example).");
        }

        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown hidden activation.");
        }

        var clock = new MaskClock(seed);
        var layers = new List<ILayer<T>>();
        bool dropConnect = dropout == DropoutVariant.DropConnect;
        uint site = 0;
        if (keepProbs[0] < 1.0 && !dropConnect)
        {
            layers.Add(Variant(dropout, keepProbs[0], scaling, new CounterMasks(clock, site), threads, kernels, maskShare));
        }

        site++;
        for (int l = 0; l < weights.Count; l++)
        {
            string name = (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            layers.Add(new Dense<T>(weights[l], name, threads, kernels)
            {
                WeightMask = dropConnect && keepProbs[l] < 1.0 ? new DropConnect<T>(keepProbs[l], new CounterMasks(clock, (uint)l), threads, kernels) : null,
            });
            if (l < weights.Count - 1)
            {
                if (batchNorm == BatchNormPlacement.BeforeDropout)
                {
                    layers.Add(new BatchNorm<T>(weights[l].Rows, name));
                }

                var masks = new CounterMasks(clock, site++);
                if (dropConnect)
                {
                    layers.Add(activation == HiddenActivation.Selu ? new Selu<T>() : new Relu<T>());
                }
                else if (dropout == DropoutVariant.Bernoulli && activation == HiddenActivation.Relu)
                {
                    layers.Add(new ReluDropout<T>(keepProbs[l + 1], scaling, masks, threads, kernels) { Sharing = maskShare });
                }
                else
                {
                    layers.Add(activation == HiddenActivation.Selu ? new Selu<T>() : new Relu<T>());
                    layers.Add(Variant(dropout, keepProbs[l + 1], scaling, masks, threads, kernels, maskShare));
                }

                if (batchNorm == BatchNormPlacement.AfterDropout)
                {
                    layers.Add(new BatchNorm<T>(weights[l].Rows, name));
                }
            }
        }

        int[] widths = [weights[0].Columns, .. weights.Select(w => w.Rows)];
        return new MlpNetwork<T>(new Sequential<T>(layers), clock, widths, [.. keepProbs], scaling, batchNorm, dropout, activation, maskShare);
    }

    private static DropoutLayer<T> Variant(DropoutVariant dropout, double keepProb, DropoutScaling scaling, CounterMasks masks, int threads, ComputeKernels kernels, MaskSharing maskShare) => dropout switch
    {
        DropoutVariant.Gaussian => new GaussianDropout<T>(keepProb, masks, threads) { Sharing = maskShare },
        DropoutVariant.Alpha => new AlphaDropout<T>(keepProb, masks, threads) { Sharing = maskShare },
        _ => new Dropout<T>(keepProb, scaling, masks, threads, kernels) { Sharing = maskShare },
    };

    /// <summary>
    /// Turns Monte-Carlo dropout on or off: when on, evaluation passes drop units (or, with DropConnect, weights) too.
    /// </summary>
    public void SetDropAtEval(bool enabled)
    {
        foreach (DropoutLayer<T> dropout in Network.DropoutLayers)
        {
            dropout.DropAtEval = enabled;
        }

        foreach (DropConnect<T> mask in WeightMasks)
        {
            mask.DropAtEval = enabled;
        }
    }
}
