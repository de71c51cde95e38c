using DropoutLab.Settings;

namespace DropoutLab.Uci;

/// <summary>
/// How to run the UCI protocol of Gal and Ghahramani (2016) on a data set: which splits, how long, how many
/// Monte-Carlo passes, and how to spread the work. A null value takes the data set's own file (n_hidden.txt; the
/// epochs are n_epochs.txt × <see cref="EpochsMultiplier"/>, the multiplier of the authors' published results).
/// </summary>
public sealed record UciSettings
{
    /// <summary>The authors' results that match their corrected table ran n_epochs.txt × 100 epochs.</summary>
    public const int EpochsMultiplier = 100;

    /// <summary>The length scale l of the weight decay reg = l²·(1 − rate)/(2·N·τ).</summary>
    public const double LengthScale = 0.01;

    /// <summary>The split indices to run (null: all of n_splits.txt).</summary>
    public IReadOnlyList<int>? Splits { get; init; }

    /// <summary>Epochs per training (null: n_epochs.txt × 100).</summary>
    public int? Epochs { get; init; }

    /// <summary>Hidden units (null: n_hidden.txt).</summary>
    public int? HiddenUnits { get; init; }

    /// <summary>Stochastic forward passes T per prediction (validation and test), 10000 in the paper.</summary>
    public int McSamples { get; init; } = 10_000;

    /// <summary>Mini-batch size (128 in the paper).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Splits run at once, one per core (0 = all cores); results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>The share of the splits this run takes.</summary>
    public UciShard Shard { get; init; } = UciShard.All;

    /// <summary>The seed every training's and every prediction's seed is derived from (with the split and grid point).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Checks the settings against <paramref name="splitCount"/> splits.</summary>
    /// <exception cref="SettingException">A setting is out of range; the exception names it and the value.</exception>
    public void Validate(int splitCount)
    {
        if (Splits is not null)
        {
            SettingCheck.Choices(Splits, SettingNames.Splits, split => split.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (int split in Splits)
            {
                SettingCheck.Require(split >= 0 && split < splitCount, SettingNames.Splits, $"must each be a split of the data set, 0 to {splitCount - 1}", split.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (Epochs is { } epochs)
        {
            SettingCheck.AtLeast(epochs, 1, SettingNames.Epochs);
        }

        if (HiddenUnits is { } hidden)
        {
            SettingCheck.AtLeast(hidden, 1, SettingNames.HiddenSizes);
        }

        SettingCheck.AtLeast(McSamples, 1, SettingNames.McSamples);
        SettingCheck.AtLeast(BatchSize, 1, SettingNames.BatchSize);
        SettingCheck.AtLeast(Threads, 0, SettingNames.Threads);
        SettingCheck.Require(Shard.IsValid, SettingNames.Shard, "must be i/n with 0 ≤ i < n", $"{Shard.Index}/{Shard.Count}");
    }
}
