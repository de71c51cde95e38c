using System.Globalization;

namespace DropoutLab.Settings;

/// <summary>
/// The range rules of every setting, each written once: the settings records and the optimizers call these, and a
/// value outside its range throws <see cref="SettingException"/> naming the setting, the rule and the value.
/// </summary>
internal static class SettingCheck
{
    /// <summary>A probability of keeping a unit: keepProb ∈ (0, 1] (0 would drop everything; NaN is rejected).</summary>
    public static void KeepProb(double keepProb, string setting) =>
        Require(keepProb > 0 && keepProb <= 1, setting, "must be in (0, 1]", Text(keepProb));

    /// <summary>Every value is a probability of keeping a unit, in (0, 1].</summary>
    public static void KeepProbs(IReadOnlyList<double> keepProbs, string setting)
    {
        foreach (double keepProb in keepProbs)
        {
            Require(keepProb > 0 && keepProb <= 1, setting, "must each be in (0, 1]", Text(keepProb));
        }
    }

    /// <summary>0 &lt; value &lt; ∞ (a step size or a gain).</summary>
    public static void Positive(double value, string setting) =>
        Require(value > 0 && !double.IsInfinity(value), setting, "must be a positive finite number", Text(value));

    /// <summary>0 ≤ value &lt; ∞; <paramref name="zeroMeans"/>, when given, says what 0 does.</summary>
    public static void NonNegative(double value, string setting, string? zeroMeans = null) =>
        Require(value >= 0 && !double.IsInfinity(value), setting, zeroMeans is null ? "must be a finite number ≥ 0" : $"must be a finite number ≥ 0 ({zeroMeans})", Text(value));

    /// <summary>0 ≤ value &lt; 1 (a decay factor such as momentum μ).</summary>
    public static void BelowOne(double value, string setting) =>
        Require(value >= 0 && value < 1, setting, "must be in [0, 1)", Text(value));

    /// <summary>The value is finite (not NaN or ±∞).</summary>
    public static void Finite(double value, string setting) =>
        Require(double.IsFinite(value), setting, "must be a finite number", Text(value));

    /// <summary>Every value is finite.</summary>
    public static void AllFinite(IReadOnlyList<double> values, string setting)
    {
        foreach (double value in values)
        {
            Require(double.IsFinite(value), setting, "must each be a finite number", Text(value));
        }
    }

    /// <summary>A count: value ≥ <paramref name="minimum"/>.</summary>
    public static void AtLeast(int value, int minimum, string setting) =>
        Require(value >= minimum, setting, $"must be at least {minimum}", Text(value));

    /// <summary>Every count is ≥ <paramref name="minimum"/>.</summary>
    public static void AllAtLeast(IReadOnlyList<int> values, int minimum, string setting)
    {
        foreach (int value in values)
        {
            Require(value >= minimum, setting, $"must each be at least {minimum}", Text(value));
        }
    }

    /// <summary>A list of alternatives to compare: at least one value, none twice.</summary>
    public static void Choices<TItem>(IReadOnlyList<TItem>? items, string setting, Func<TItem, string> text)
    {
        if (items is null || items.Count == 0)
        {
            throw new SettingException(setting, "must list at least one value", null);
        }

        Require(items.Distinct().Count() == items.Count, setting, "must not list a value twice", string.Join(',', items.Select(text)));
    }

    /// <summary>Throws <see cref="SettingException"/> unless <paramref name="holds"/>.</summary>
    public static void Require(bool holds, string setting, string requirement, string? value, string? relatedSetting = null)
    {
        if (!holds)
        {
            throw new SettingException(setting, requirement, value, relatedSetting);
        }
    }

    /// <summary>The value as it would be typed: shortest round-trip, invariant culture.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value in invariant culture.</summary>
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Comma-separated values in invariant culture.</summary>
    public static string Text(IEnumerable<double> values) => string.Join(',', values.Select(Text));

    /// <summary>Comma-separated values in invariant culture.</summary>
    public static string Text(IEnumerable<int> values) => string.Join(',', values.Select(Text));
}
