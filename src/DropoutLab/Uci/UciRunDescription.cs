using System.Globalization;

namespace DropoutLab.Uci;

/// <summary>What a UCI run was: the data set, its settings as resolved, and the shard it took.</summary>
/// <param name="Dataset">The data set's folder name.</param>
/// <param name="Epochs">Epochs per training.</param>
/// <param name="HiddenUnits">Hidden units.</param>
/// <param name="McSamples">Monte-Carlo passes per prediction.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="Seed">The base seed.</param>
/// <param name="DropoutRates">The grid's dropout rates.</param>
/// <param name="TauValues">The grid's τ values.</param>
/// <param name="Shard">The shard (0/1 for a whole run or a merge).</param>
public sealed record UciRunDescription(string Dataset, int Epochs, int HiddenUnits, int McSamples, int BatchSize, ulong Seed, IReadOnlyList<double> DropoutRates, IReadOnlyList<double> TauValues, UciShard Shard)
{
    /// <summary>The first setting in which two shards' runs differ (the shard itself aside), or null when they are parts of one run.</summary>
    public string? Difference(UciRunDescription other)
    {
        ArgumentNullException.ThrowIfNull(other);
        static string Text<TValue>(IEnumerable<TValue> values) => string.Join(',', values.Select(value => string.Format(CultureInfo.InvariantCulture, "{0}", value)));
        return Dataset != other.Dataset ? $"dataset {Dataset} vs {other.Dataset}"
            : Epochs != other.Epochs ? $"epochs {Epochs} vs {other.Epochs}"
            : HiddenUnits != other.HiddenUnits ? $"hidden units {HiddenUnits} vs {other.HiddenUnits}"
            : McSamples != other.McSamples ? $"Monte-Carlo samples {McSamples} vs {other.McSamples}"
            : BatchSize != other.BatchSize ? $"batch size {BatchSize} vs {other.BatchSize}"
            : Seed != other.Seed ? $"seed {Seed} vs {other.Seed}"
            : !DropoutRates.SequenceEqual(other.DropoutRates) ? $"dropout rates {Text(DropoutRates)} vs {Text(other.DropoutRates)}"
            : !TauValues.SequenceEqual(other.TauValues) ? $"τ values {Text(TauValues)} vs {Text(other.TauValues)}"
            : null;
    }
}
