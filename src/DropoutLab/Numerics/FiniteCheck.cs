using System.Numerics;

namespace DropoutLab.Numerics;

/// <summary>Whether spans hold only finite numbers, by one branch-free reduction.</summary>
internal static class FiniteCheck
{
    /// <summary>
    /// True when every element is finite: Σ xᵢ·0 is 0 for finite xᵢ and NaN as soon as one xᵢ is NaN or ±∞ (0·∞ is
    /// NaN), and it cannot overflow, unlike Σ xᵢ.
    /// </summary>
    public static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && PlainLoops.Enabled)
        {
            return AllFinite(PlainLoops.AsDouble(values));
        }

        T a = T.Zero, b = T.Zero, c = T.Zero, d = T.Zero;
        int i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            a += values[i] * T.Zero;
            b += values[i + 1] * T.Zero;
            c += values[i + 2] * T.Zero;
            d += values[i + 3] * T.Zero;
        }

        for (; i < values.Length; i++)
        {
            a += values[i] * T.Zero;
        }

        return T.IsZero(a + b + c + d);
    }

    // The same test in plain double arithmetic: x·0 is 0 for finite x and NaN otherwise.
    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        double a = 0, b = 0, c = 0, d = 0;
        int i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            a += values[i] * 0.0;
            b += values[i + 1] * 0.0;
            c += values[i + 2] * 0.0;
            d += values[i + 3] * 0.0;
        }

        for (; i < values.Length; i++)
        {
            a += values[i] * 0.0;
        }

        return a + b + c + d == 0;
    }

    /// <summary>The first element that is NaN or ±∞, as a double; 0 when there is none.</summary>
    public static double FirstNonFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (T value in values)
        {
            if (!T.IsFinite(value))
            {
                return double.CreateChecked(value);
            }
        }

        return 0;
    }
}
