using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;

namespace DropoutLab.Training;

/// <summary>
/// A ReLU MLP with dropout: [InputDropout] → Dense → ReluDropout → … → Dense → softmax. Masks come from
/// counter-based Philox streams (<see cref="MaskClock"/>), so training is bit-identical on any thread count.
/// </summary>
public sealed class MlpNetwork<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private MlpNetwork(Sequential<T> network, MaskClock clock, IReadOnlyList<int> layers, IReadOnlyList<double> keepProbs, DropoutScaling scaling, BatchNormPlacement batchNorm)
    {
        BatchNorm = batchNorm;
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

    /// <summary>How raw input values are mapped before the first layer (identity unless the trainer standardizes).</summary>
    public InputStandardization Standardization { get; set; } = InputStandardization.None;

    /// <summary>The dense layers in order.</summary>
    public IEnumerable<Dense<T>> DenseLayers => Network.Layers.OfType<Dense<T>>();

    /// <summary>
    /// Builds the network with Wₗ ~ N(0, gain/nₗ₋₁) drawn in layer order from a numpy-compatible generator seeded
    /// with <paramref name="seed"/> (gain 2 is He initialization, gain 1 LeCun's), and zero biases; batch
    /// normalization, when <paramref name="batchNorm"/> places it, starts at γ = 1, β = 0 and draws nothing.
    /// </summary>
    public static MlpNetwork<T> Create(IReadOnlyList<int> layers, IReadOnlyList<double> keepProbs, DropoutScaling scaling, ulong seed, int threads, double initGain = 2.0, ComputeKernels kernels = ComputeKernels.Fast, BatchNormPlacement batchNorm = BatchNormPlacement.None)
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

        return FromWeights(weights, keepProbs, scaling, seed, threads, kernels, batchNorm);
    }

    /// <summary>
    /// Builds the network around existing weights (o × i each); biases start at zero. Each hidden layer l is
    /// Dense → ReluDropout, Dense → BatchNorm → ReluDropout (<see cref="BatchNormPlacement.BeforeDropout"/>) or
    /// Dense → ReluDropout → BatchNorm (<see cref="BatchNormPlacement.AfterDropout"/>), the batch-norm parameters
    /// named "gamma{l}" and "beta{l}" with PyTorch's momentum 0.1 and ε = 10⁻⁵.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The placement is unknown.</exception>
    public static MlpNetwork<T> FromWeights(IReadOnlyList<Matrix<T>> weights, IReadOnlyList<double> keepProbs, DropoutScaling scaling, ulong seed, int threads, ComputeKernels kernels = ComputeKernels.Fast, BatchNormPlacement batchNorm = BatchNormPlacement.None)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(keepProbs);
        if (!Enum.IsDefined(batchNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(batchNorm), batchNorm, "Unknown batch-norm placement.");
        }

        var clock = new MaskClock(seed);
        var layers = new List<ILayer<T>>();
        uint site = 0;
        if (keepProbs[0] < 1.0)
        {
            layers.Add(new Dropout<T>(keepProbs[0], scaling, new CounterMasks(clock, site), threads, kernels));
        }

        site++;
        for (int l = 0; l < weights.Count; l++)
        {
            string name = (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            layers.Add(new Dense<T>(weights[l], name, threads, kernels));
            if (l < weights.Count - 1)
            {
                if (batchNorm == BatchNormPlacement.BeforeDropout)
                {
                    layers.Add(new BatchNorm<T>(weights[l].Rows, name));
                }

                layers.Add(new ReluDropout<T>(keepProbs[l + 1], scaling, new CounterMasks(clock, site++), threads, kernels));
                if (batchNorm == BatchNormPlacement.AfterDropout)
                {
                    layers.Add(new BatchNorm<T>(weights[l].Rows, name));
                }
            }
        }

        int[] widths = [weights[0].Columns, .. weights.Select(w => w.Rows)];
        return new MlpNetwork<T>(new Sequential<T>(layers), clock, widths, [.. keepProbs], scaling, batchNorm);
    }

    /// <summary>Turns Monte-Carlo dropout on or off: when on, evaluation passes drop units too.</summary>
    public void SetDropAtEval(bool enabled)
    {
        foreach (DropoutLayer<T> dropout in Network.DropoutLayers)
        {
            dropout.DropAtEval = enabled;
        }
    }
}
