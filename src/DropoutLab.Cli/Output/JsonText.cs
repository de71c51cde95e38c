using System.Text;
using System.Text.Json;

namespace DropoutLab.Cli.Output;

/// <summary>Builds a JSON document in memory and writes it as one block of text.</summary>
public static class JsonText
{
    /// <summary>Runs <paramref name="write"/> against an indented writer and returns the text.</summary>
    public static string Build(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
