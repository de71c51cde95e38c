using System.Text.Json;

namespace DropoutLab.Tests;

internal static class TestData
{
    public static string ReferencePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Reference", .. parts]);

    public static JsonDocument ReadJson(params string[] parts) =>
        JsonDocument.Parse(File.ReadAllText(ReferencePath(parts)));

    public static double[] Doubles(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : e.GetDouble())];
}
