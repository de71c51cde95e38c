namespace DropoutLab.Data;

/// <summary>The lower-case names of <see cref="SyntheticShape"/>: "moons", "circles", "xor", "spiral".</summary>
public static class SyntheticShapeNames
{
    private static readonly string[] AllNames = ["moons", "circles", "xor", "spiral"];

    /// <summary>Every name, in the order of <see cref="SyntheticShape"/>.</summary>
    public static IReadOnlyList<string> Names => AllNames;

    /// <summary>The name of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> is not a defined shape.</exception>
    public static string ToName(this SyntheticShape shape) =>
        shape is >= SyntheticShape.Moons and <= SyntheticShape.Spiral
            ? AllNames[(int)shape]
            : throw new ArgumentOutOfRangeException(nameof(shape), shape, "not a synthetic shape.");

    /// <summary>The shape called <paramref name="name"/> (exactly, lower case); false for any other text.</summary>
    public static bool TryParse(string name, out SyntheticShape shape)
    {
        int index = Array.IndexOf(AllNames, name);
        shape = index < 0 ? default : (SyntheticShape)index;
        return index >= 0;
    }
}
