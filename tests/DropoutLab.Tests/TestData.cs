using System.Text.Json;

namespace DropoutLab.Tests;

internal static class TestData
{
    public static string ReferencePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Reference", .. parts]);

    /// <summary>The folder holding DropoutLab.slnx, found upwards from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "DropoutLab.slnx")))
                {
                    return folder.FullName;
                }
            }

            throw new DirectoryNotFoundException("DropoutLab.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static JsonDocument ReadJson(params string[] parts) =>
        JsonDocument.Parse(File.ReadAllText(ReferencePath(parts)));

    public static double[] Doubles(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : e.GetDouble())];
}
