namespace DropoutLab.Metrics;

/// <summary>Equal-width bins of [0, 1] shared by the calibration errors.</summary>
public static class CalibrationBins
{
    /// <summary>Bins the calibration errors use unless told otherwise.</summary>
    public const int Default = 10;

    /// <summary>
    /// The bin of a probability or confidence q among <paramref name="bins"/> equal-width bins:
    /// b = min(max(⌊bins·q⌋, 0), bins − 1), so q = 1 falls in the top bin and NaN in bin 0.
    /// </summary>
    public static int Index(double value, int bins) => Math.Clamp((int)(value * bins), 0, bins - 1);
}
