using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>
/// A small separable problem: 3 classes, 8 byte-valued features (a 2 × 4 "image"). Class c is bright (150..255) on its
/// own block of features (0–2, 3–5, 6–7) and dim (0..110) elsewhere, so a tiny MLP separates it almost perfectly.
/// </summary>
internal static class SyntheticImages
{
    public const int Features = 8;
    public const int Classes = 3;

    public static readonly MlpSettings Settings = new()
    {
        Layers = [Features, 16, Classes],
        KeepProbs = [0.9, 0.8],
        LearningRate = 0.01,
        BatchSize = 20,
        Epochs = 12,
        Seed = 3,
        Threads = 1,
    };

    private static readonly Lazy<(MlpNetwork<float> Model, LabeledData Test)> Float32 = new(() => Train<float>(Settings));
    private static readonly Lazy<(MlpNetwork<double> Model, LabeledData Test)> Float64 = new(() => Train<double>(Settings));

    /// <summary>
    /// A fresh copy of a model trained once per test run on <see cref="Examples"/> (a copy, because a forward pass
    /// writes into the layers' buffers and tests run in parallel).
    /// </summary>
    public static MlpNetwork<float> FloatModel => Copy(Float32.Value.Model);

    public static MlpNetwork<double> DoubleModel => Copy(Float64.Value.Model);

    public static LabeledData Test => Float32.Value.Test;

    /// <summary>Pixel bytes (examples × 8, row-major) and labels, cycling through the classes.</summary>
    public static (byte[] Pixels, byte[] Labels) Examples(int count, uint seed)
    {
        var random = new NumpyRandomState(seed);
        var pixels = new byte[count * Features];
        var labels = new byte[count];
        for (int j = 0; j < count; j++)
        {
            int label = j % Classes;
            labels[j] = (byte)label;
            for (int f = 0; f < Features; f++)
            {
                bool bright = Math.Min(f / 3, 2) == label;
                pixels[(j * Features) + f] = (byte)(bright ? 150 + (random.NextDouble() * 105) : random.NextDouble() * 110);
            }
        }

        return (pixels, labels);
    }

    public static LabeledData Labeled(int count, uint seed)
    {
        (byte[] pixels, byte[] labels) = Examples(count, seed);
        return new LabeledData([.. pixels.Select(p => p / 255f)], [.. labels.Select(l => (int)l)], Features, Classes, "synthetic");
    }

    /// <summary>Writes the four MNIST-format IDX files (2 × 4 images) into <paramref name="folder"/>.</summary>
    public static void WriteMnistFolder(string folder, int trainCount, int testCount)
    {
        (byte[] trainPixels, byte[] trainLabels) = Examples(trainCount, 11);
        (byte[] testPixels, byte[] testLabels) = Examples(testCount, 12);
        File.WriteAllBytes(Path.Combine(folder, MnistDataset.TrainImagesFile), Idx(IdxReader.ImagesMagic, [trainCount, 2, 4], trainPixels));
        File.WriteAllBytes(Path.Combine(folder, MnistDataset.TrainLabelsFile), Idx(IdxReader.LabelsMagic, [trainCount], trainLabels));
        File.WriteAllBytes(Path.Combine(folder, MnistDataset.TestImagesFile), Idx(IdxReader.ImagesMagic, [testCount, 2, 4], testPixels));
        File.WriteAllBytes(Path.Combine(folder, MnistDataset.TestLabelsFile), Idx(IdxReader.LabelsMagic, [testCount], testLabels));
    }

    /// <summary>CSV text of <paramref name="data"/>: a header x0..x7[,label], features in shortest round-trip form.</summary>
    public static string Csv(LabeledData data, bool withLabel)
    {
        var text = new StringBuilder(string.Join(',', Enumerable.Range(0, data.FeatureCount).Select(f => $"x{f}")));
        text.Append(withLabel ? ",label\n" : "\n");
        for (int j = 0; j < data.Count; j++)
        {
            text.Append(string.Join(',', data.Example(j).ToArray().Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
            text.Append(withLabel ? $",{data.Labels[j]}\n" : "\n");
        }

        return text.ToString();
    }

    public static (MlpNetwork<T> Model, LabeledData Test) Train<T>(MlpSettings settings)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LabeledData train = Labeled(300, 1), test = Labeled(150, 2);
        return (new MlpTrainer<T>(settings).Train(train, test).Model, test);
    }

    private static MlpNetwork<T> Copy<T>(MlpNetwork<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Dense<T>[] dense = [.. model.DenseLayers];
        MlpNetwork<T> copy = MlpNetwork<T>.FromWeights([.. dense.Select(d => d.Weights.Value.Clone())], model.KeepProbs, model.Scaling, model.Clock.Seed, threads: 1);
        foreach ((Dense<T> from, Dense<T> to) in dense.Zip(copy.DenseLayers))
        {
            from.Bias.Value.Data.CopyTo(to.Bias.Value.Data, 0);
        }

        copy.Standardization = model.Standardization;
        return copy;
    }

    private static byte[] Idx(int magic, int[] sizes, byte[] payload)
    {
        var bytes = new byte[(4 * (sizes.Length + 1)) + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * (i + 1)), sizes[i]);
        }

        payload.CopyTo(bytes, 4 * (sizes.Length + 1));
        return bytes;
    }
}
