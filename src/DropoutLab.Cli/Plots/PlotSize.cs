namespace DropoutLab.Cli.Plots;

/// <summary>The pixel size of a saved figure (SVG user units for .svg).</summary>
public readonly record struct PlotSize(int Width, int Height)
{
    /// <summary>Smallest accepted width or height.</summary>
    public const int Minimum = 200;

    /// <summary>Largest accepted width or height.</summary>
    public const int Maximum = 4000;

    /// <inheritdoc />
    public override string ToString() => $"{Width}x{Height}";
}
