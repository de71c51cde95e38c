namespace DropoutLab.Data;

/// <summary>
/// The 2-D "football" dataset of the deeplearning.ai regularization exercise (211 training and 200 test points;
/// features x1, x2; label 1 when the French goalkeeper's team should win the header), embedded in the library.
/// </summary>
public static class FootballData
{
    /// <summary>The 211 training points.</summary>
    public static Dataset Train() => Load("train");

    /// <summary>The 200 test points.</summary>
    public static Dataset Test() => Load("test");

    private static Dataset Load(string name)
    {
        string resource = $"DropoutLab.Data.football.{name}.csv";
        using Stream stream = typeof(FootballData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return CsvDataset.Read(reader, $"football/{name}.csv", binaryLabels: true);
    }
}
