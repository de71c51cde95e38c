using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// The course's network, sizes [nₓ, 20, 3, 1] by default (<see cref="CourseSettings.HiddenSizes"/>):
/// LINEAR→RELU→DROPOUT per hidden layer, then LINEAR, with the sigmoid in the loss. Initialization as the course's:
/// numpy seeded with <see cref="CourseSettings.InitSeed"/> (3), Wₗ = randn(nₗ, nₗ₋₁)/√nₗ₋₁ in layer order, bₗ = 0
/// (LeCun normal, N(0, 1/nₗ₋₁), which is also what SELU and alpha dropout assume).
/// </summary>
/// <remarks>
/// Bernoulli dropout after ReLU is the course's fused <see cref="ReluDropout{T}"/> on numpy's masks, exactly as
/// before the variants existed. Any other choice is LINEAR→activation (<see cref="Relu{T}"/> or <see cref="Selu{T}"/>)
/// →variant: <see cref="Dropout{T}"/> or <see cref="AlphaDropout{T}"/> on numpy's keep bits (the same stream the
/// course draws, rand &lt; keepProb), or <see cref="GaussianDropout{T}"/>, whose noise is counter-based: hidden layer
/// l is site l of a <see cref="MaskClock"/> keyed by <see cref="CourseSettings.MaskSeed"/>, advanced per iteration
/// for fresh masks; fixed masks reuse the first iteration's ε, as the Bernoulli layers reuse their first mask.
/// <para>
/// DropConnect builds no dropout layer: the keep-prob of hidden layer l masks the weights of Dense l + 1 (the one that
/// reads it), M⊙W/keepProb, with the counter-based bits of site l of the same clock. The bits are a pure function of
/// (seed, step, site, weight), so fixed masks (the clock never advances) draw the first iteration's mask again every
/// iteration, and fresh masks (advanced per iteration) a new one. BatchNorm (<see cref="CourseSettings.BatchNorm"/>)
/// goes after each hidden Dense or after each hidden layer's dropout, γ = 1, β = 0, momentum 0.1, ε = 10⁻⁵; it
/// draws nothing, so the weights and masks are those of the same settings without it.
/// </para>
/// </remarks>
internal static class CourseNetwork
{
    /// <summary>
    /// Builds the network, drawing the weights from <paramref name="random"/> after seeding it with the initialization
    /// seed; Gaussian noise and DropConnect masks are keyed by <paramref name="clock"/> (a clock of the mask seed at
    /// step 0 when null).
    /// </summary>
    public static Sequential<double> Build(int inputSize, CourseSettings settings, NumpyRandomState random, ComputeKernels kernels = ComputeKernels.Fast, MaskClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        random.Seed(settings.InitSeed);
        int[] sizes = [inputSize, .. settings.HiddenSizes, 1];
        var layers = new List<ILayer<double>>();
        bool dropConnect = settings.Dropout == DropoutVariant.DropConnect;
        for (int l = 1; l < sizes.Length; l++)
        {
            string name = l.ToString(System.Globalization.CultureInfo.InvariantCulture);

            // DropConnect: the keep-prob of hidden layer l − 1 (the input of Dense l) masks Dense l's weights, site l − 1.
            double inputKeepProb = l >= 2 ? settings.KeepProbOf(l - 2) : 1.0;
            layers.Add(new Dense<double>(Initialize(sizes[l], sizes[l - 1], random), name, kernels: kernels)
            {
                WeightMask = dropConnect && inputKeepProb < 1.0
                    ? new DropConnect<double>(inputKeepProb, new CounterMasks(clock ??= new MaskClock(settings.MaskSeed), (uint)(l - 2)), kernels: kernels)
                    : null,
            });
            if (l < sizes.Length - 1)
            {
                if (settings.BatchNorm == BatchNormPlacement.BeforeDropout)
                {
                    layers.Add(new BatchNorm<double>(sizes[l], name));
                }

                AddActivationAndDropout(layers, settings, settings.KeepProbOf(l - 1), (uint)(l - 1), random, kernels, ref clock);
                if (settings.BatchNorm == BatchNormPlacement.AfterDropout)
                {
                    layers.Add(new BatchNorm<double>(sizes[l], name));
                }
            }
        }

        return new Sequential<double>(layers);
    }

    // Hidden layer l's activation and dropout: the fused ReLU-dropout of the course for Bernoulli after ReLU, else
    // activation → variant (none for DropConnect, whose mask is on the next dense layer's weights).
    private static void AddActivationAndDropout(List<ILayer<double>> layers, CourseSettings settings, double keepProb, uint site, NumpyRandomState random, ComputeKernels kernels, ref MaskClock? clock)
    {
        if (settings.Dropout == DropoutVariant.Bernoulli && settings.Activation == HiddenActivation.Relu)
        {
            layers.Add(keepProb < 1.0
                ? new ReluDropout<double>(keepProb, settings.Scaling, new NumpyStreamMasks(random), kernels: kernels)
                : new Relu<double>());
            return;
        }

        layers.Add(settings.Activation == HiddenActivation.Selu ? new Selu<double>() : new Relu<double>());
        if (keepProb < 1.0 && settings.Dropout != DropoutVariant.DropConnect)
        {
            layers.Add(settings.Dropout switch
            {
                DropoutVariant.Gaussian => new GaussianDropout<double>(keepProb, new CounterMasks(clock ??= new MaskClock(settings.MaskSeed), site)),
                DropoutVariant.Alpha => new AlphaDropout<double>(keepProb, new NumpyStreamMasks(random)),
                DropoutVariant.Bernoulli => new Dropout<double>(keepProb, settings.Scaling, new NumpyStreamMasks(random), kernels: kernels),
                _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Dropout, "The course network cannot build this dropout variant."),
            });
        }
    }

    // W = randn(rows, columns) / √columns, drawn row-major
    private static Matrix<double> Initialize(int rows, int columns, NumpyRandomState random)
    {
        var weights = new Matrix<double>(rows, columns);
        double root = Math.Sqrt(columns);
        for (int i = 0; i < weights.Data.Length; i++)
        {
            weights.Data[i] = random.NextGaussian() / root;
        }

        return weights;
    }
}
