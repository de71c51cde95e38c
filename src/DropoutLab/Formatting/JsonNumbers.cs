using System.Text.Json;

namespace DropoutLab.Formatting;

/// <summary>
/// The one way every JSON output writes a floating-point number: a finite value as a JSON number (the writer's
/// shortest round-trip form), NaN, +∞ and −∞ as <c>null</c>, since JSON has no literal for them.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>Writes the property <paramref name="name"/>: <paramref name="value"/>, or null when it is not finite.</summary>
    public static void WriteReal(this Utf8JsonWriter writer, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(name);
        writer.WriteRealValue(value);
    }

    /// <summary>Writes <paramref name="value"/> as an array element or property value, or null when it is not finite.</summary>
    public static void WriteRealValue(this Utf8JsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
