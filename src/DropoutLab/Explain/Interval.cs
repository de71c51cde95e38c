namespace DropoutLab.Explain;

/// <summary>A closed interval [Low, High], here a confidence interval of a mean.</summary>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>True when Low ≤ value ≤ High.</summary>
    public bool Contains(double value) => Low <= value && value <= High;
}
