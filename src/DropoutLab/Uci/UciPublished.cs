namespace DropoutLab.Uci;

/// <summary>
/// The published result for a known data set: Gal and Ghahramani's corrected (2018) table of "Dropout as a Bayesian
/// Approximation" (ICML 2016), grid-search column, mean ± standard error over 20 splits.
/// </summary>
/// <param name="Folder">The data set's folder name in the authors' layout.</param>
/// <param name="Title">Its name in the table.</param>
/// <param name="Rows">Rows of data.txt.</param>
/// <param name="McRmse">RMSE of the Monte-Carlo mean.</param>
/// <param name="LogLikelihood">Test log-likelihood.</param>
public sealed record UciPublished(string Folder, string Title, int Rows, MeanWithError McRmse, MeanWithError LogLikelihood)
{
    /// <summary>The five data sets of the table that DropoutLab reproduces.</summary>
    public static IReadOnlyList<UciPublished> Table { get; } =
    [
        new("bostonHousing", "Boston Housing", 506, new(2.90, 0.18), new(-2.40, 0.04)),
        new("concrete", "Concrete Strength", 1030, new(4.82, 0.16), new(-2.93, 0.02)),
        new("energy", "Energy Efficiency", 768, new(0.54, 0.06), new(-1.21, 0.01)),
        new("wine-quality-red", "Wine Quality Red", 1599, new(0.62, 0.01), new(-0.93, 0.01)),
        new("yacht", "Yacht Hydrodynamics", 308, new(0.67, 0.05), new(-1.25, 0.01)),
    ];

    /// <summary>The published row of the data set in folder <paramref name="folder"/> (case-insensitive), or null for an unknown one.</summary>
    public static UciPublished? For(string folder) =>
        Table.FirstOrDefault(entry => string.Equals(entry.Folder, folder, StringComparison.OrdinalIgnoreCase));
}
