using System.Globalization;

namespace DropoutLab;

/// <summary>Counts in words: "1 seed", "5 seeds", "0 seeds"; only exactly one takes the singular.</summary>
internal static class Plural
{
    /// <summary><paramref name="count"/> and the noun, plural formed by adding "s".</summary>
    public static string Of(long count, string singular) => Of(count, singular, singular + "s");

    /// <summary><paramref name="count"/> and the noun in the right number.</summary>
    public static string Of(long count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");
}
