using DropoutLab.Layers;
using DropoutLab.Numerics;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Experiments;

/// <summary>
/// The course's network, sizes [nₓ, 20, 3, 1] by default (<see cref="CourseSettings.HiddenSizes"/>):
/// LINEAR→RELU→DROPOUT per hidden layer, then LINEAR, with the sigmoid in the loss. Initialization as the course's:
/// numpy seeded with <see cref="CourseSettings.InitSeed"/> (3), Wₗ = randn(nₗ, nₗ₋₁)/√nₗ₋₁ in layer order, bₗ = 0.
/// </summary>
internal static class CourseNetwork
{
    /// <summary>Builds the network, drawing the weights from <paramref name="random"/> after seeding it with the initialization seed.</summary>
    public static Sequential<double> Build(int inputSize, CourseSettings settings, NumpyRandomState random, ComputeKernels kernels = ComputeKernels.Fast)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        random.Seed(settings.InitSeed);
        int[] sizes = [inputSize, .. settings.HiddenSizes, 1];
        var layers = new List<ILayer<double>>();
        for (int l = 1; l < sizes.Length; l++)
        {
            layers.Add(new Dense<double>(Initialize(sizes[l], sizes[l - 1], random), l.ToString(System.Globalization.CultureInfo.InvariantCulture), kernels: kernels));
            if (l < sizes.Length - 1)
            {
                double keepProb = settings.KeepProbOf(l - 1);
                layers.Add(keepProb < 1.0
                    ? new ReluDropout<double>(keepProb, settings.Scaling, new NumpyStreamMasks(random), kernels: kernels)
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
