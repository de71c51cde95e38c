namespace DropoutLab.Numerics.Functions;

/// <summary>The exception for a lane type other than double or float.</summary>
internal static class UnsupportedLaneType
{
    /// <summary>A <see cref="NotSupportedException"/> naming <typeparamref name="T"/>.</summary>
    public static NotSupportedException Create<T>()
        => new($"Only double and float lanes are supported, not {typeof(T).Name}.");
}
