using DropoutLab.Data;
using DropoutLab.Random;

namespace DropoutLab.Experiments;

/// <summary>A named train/test pair of 2-D data for the course network.</summary>
/// <param name="Name">"football", a synthetic shape's name ("moons", …) or the CSV's file name.</param>
/// <param name="Train">The data trained on.</param>
/// <param name="Test">The data scored at the end.</param>
public sealed record CourseData(string Name, Dataset Train, Dataset Test)
{
    /// <summary>The number of points in each of a synthetic dataset's two parts.</summary>
    public const int SyntheticCount = 200;

    /// <summary>The course's football data: 211 training and 200 test points (<see cref="FootballData"/>).</summary>
    public static CourseData Football() => new("football", FootballData.Train(), FootballData.Test());

    /// <summary>
    /// <see cref="SyntheticCount"/> training then <see cref="SyntheticCount"/> test points of <paramref name="shape"/>
    /// (<see cref="SyntheticData.Generate"/>), both from one numpy generator seeded with <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> is not defined.</exception>
    public static CourseData Synthetic(SyntheticShape shape, uint seed)
    {
        string name = shape.ToName();
        var random = new NumpyRandomState(seed);
        Dataset train = SyntheticData.Generate(shape, SyntheticCount, random, $"{name}/train");
        Dataset test = SyntheticData.Generate(shape, SyntheticCount, random, $"{name}/test");
        return new CourseData(name, train, test);
    }

    /// <summary>
    /// One CSV (<see cref="CsvDataset"/>: a header, the two numeric features x1, x2, the 0/1 label last) split by
    /// <see cref="DatasetSplit.EveryNth"/> with n = 4: every fourth row is a test point.
    /// </summary>
    /// <exception cref="DataFormatException">The text is malformed, has other than two feature columns or fewer than four rows; the message names <paramref name="fileName"/> and, when it is one line's fault, the line.</exception>
    public static CourseData FromCsv(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        Dataset all = CsvDataset.Read(reader, fileName, binaryLabels: true);
        if (all.FeatureCount != 2)
        {
            throw new DataFormatException($"the header has {all.FeatureCount} feature column(s); course data has exactly 2 (x1, x2) and the 0/1 label last.", fileName, 1);
        }

        (Dataset train, Dataset test) = DatasetSplit.EveryNth(all, 4);
        return new CourseData(fileName, train, test);
    }
}
