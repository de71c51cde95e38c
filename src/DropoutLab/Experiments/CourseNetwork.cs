using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// The course's 3-layer network, sizes [nₓ, 20, 3, 1]: LINEAR→RELU→DROPOUT→LINEAR→RELU→DROPOUT→LINEAR, with the
/// sigmoid in the loss. Initialization as the course's: seed 3, Wₗ = randn(nₗ, nₗ₋₁)/√nₗ₋₁ in layer order, bₗ = 0.
/// </summary>
internal static class CourseNetwork
{
    /// <summary>Hidden layer sizes of the course network.</summary>
    public static readonly int[] HiddenSizes = [20, 3];

    /// <summary>Seed of the initialization.</summary>
    public const uint InitSeed = 3;

    /// <summary>Seed of the dropout masks.</summary>
    public const uint MaskSeed = 1;

    /// <summary>Builds the network, drawing the weights from <paramref name="random"/> after seeding it with 3.</summary>
    public static Sequential<double> Build(int inputSize, CourseSettings settings, NumpyRandomState random, ComputeKernels kernels = ComputeKernels.Fast)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        random.Seed(InitSeed);
        int[] sizes = [inputSize, .. HiddenSizes, 1];
        var layers = new List<ILayer<double>>();
        for (int l = 1; l < sizes.Length; l++)
        {
            layers.Add(new Dense<double>(Initialize(sizes[l], sizes[l - 1], random), l.ToString(System.Globalization.CultureInfo.InvariantCulture), kernels: kernels));
            if (l < sizes.Length - 1)
            {
                layers.Add(settings.KeepProb < 1.0
                    ? new ReluDropout<double>(settings.KeepProb, settings.Scaling, new NumpyStreamMasks(random), kernels: kernels)
                    : new Relu<double>());
            }
        }

        return new Sequential<double>(layers);
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
