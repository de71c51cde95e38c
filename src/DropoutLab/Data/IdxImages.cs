namespace DropoutLab.Data;

/// <summary>An IDX image tensor: <see cref="Count"/> images of <see cref="Rows"/>×<see cref="Columns"/> bytes, row-major.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>Pixels per image, rows·columns.</summary>
    public int PixelsPerImage => Rows * Columns;
}
