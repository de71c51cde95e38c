namespace DropoutLab.Data;

/// <summary>
/// An MNIST-format dataset (MNIST, Fashion-MNIST) loaded from a directory holding the four
/// standard IDX files, each optionally gzipped (name + ".gz").
/// </summary>
public sealed class MnistDataset
{
    /// <summary>File name of the training images (IDX; a .gz copy is read too if present).</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte";
    /// <summary>File name of the training labels (IDX; a .gz copy is read too if present).</summary>
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    /// <summary>File name of the test images (IDX; a .gz copy is read too if present).</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    /// <summary>File name of the test labels (IDX; a .gz copy is read too if present).</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>Classes 0..9.</summary>
    public const int StandardClassCount = 10;

    private MnistDataset(MnistSplit train, MnistSplit test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The training split.</summary>
    public MnistSplit Train { get; }

    /// <summary>The test split.</summary>
    public MnistSplit Test { get; }

    /// <summary>Number of classes, always 10.</summary>
    public int ClassCount => StandardClassCount;

    /// <summary>Features per example (784 for 28×28 images).</summary>
    public int FeatureCount => Train.FeatureCount;

    /// <summary>Loads the four files from <paramref name="directory"/>; the plain name wins over ".gz" when both exist.</summary>
    /// <exception cref="FileNotFoundException">A file is missing in both forms.</exception>
    /// <exception cref="DataFormatException">A file is malformed, a split has no images, counts disagree, or a label is not in 0..9.</exception>
    public static MnistDataset Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        MnistSplit train = LoadSplit(Locate(directory, TrainImagesFile), Locate(directory, TrainLabelsFile));
        MnistSplit test = LoadSplit(Locate(directory, TestImagesFile), Locate(directory, TestLabelsFile));
        if (train.FeatureCount != test.FeatureCount)
        {
            throw new DataFormatException(
                $"test images have {test.FeatureCount} pixels but training images have {train.FeatureCount}",
                Locate(directory, TestImagesFile));
        }

        return new MnistDataset(train, test);
    }

    /// <summary>Loads only the test split (t10k files) of <paramref name="directory"/>, for evaluation.</summary>
    /// <exception cref="FileNotFoundException">A file is missing in both forms.</exception>
    /// <exception cref="DataFormatException">A file is malformed, the split has no images, counts disagree, or a label is not in 0..9.</exception>
    public static MnistSplit LoadTest(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return LoadSplit(Locate(directory, TestImagesFile), Locate(directory, TestLabelsFile));
    }

    /// <summary>Loads one split from an image file and its label file; a split without images is a data error.</summary>
    public static MnistSplit LoadSplit(string imagesPath, string labelsPath)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        if (images.Count == 0)
        {
            throw new DataFormatException("holds 0 images; a split needs at least one example.", imagesPath);
        }

        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            throw new DataFormatException(
                $"{labels.Length} labels do not match the {images.Count} images in {imagesPath}", labelsPath);
        }

        var classes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= StandardClassCount)
            {
                throw new DataFormatException(
                    $"label {labels[i]} of example {i} is outside 0..{StandardClassCount - 1}", labelsPath, offset: 8 + i);
            }

            classes[i] = labels[i];
        }

        // x = pixel / 255 maps the byte range 0..255 onto [0, 1].
        var features = new float[images.Pixels.Length];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = images.Pixels[i] / 255f;
        }

        return new MnistSplit(features, classes, images.Count, images.PixelsPerImage);
    }

    private static string Locate(string directory, string name)
    {
        string plain = Path.Combine(directory, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        string compressed = plain + ".gz";
        if (File.Exists(compressed))
        {
            return compressed;
        }

        throw new FileNotFoundException($"{plain}: missing (also tried {compressed})", plain);
    }
}
