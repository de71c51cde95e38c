using System.Numerics;

namespace DropoutLab.Numerics;

/// <summary>
/// A dense row-major matrix. Activations are stored as in the deeplearning.ai course: one column per example
/// (features × examples), so each row holds one feature for every example contiguously.
/// </summary>
/// <typeparam name="T">float or double: one generic code path for both precisions.</typeparam>
public sealed class Matrix<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates a zero matrix of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        Data = new T[checked(rows * columns)];
    }

    /// <summary>Wraps <paramref name="data"/> (row-major, length rows·columns) without copying.</summary>
    public Matrix(int rows, int columns, T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (data.Length != rows * columns)
        {
            throw new ArgumentException($"data has {data.Length} elements, expected {rows}×{columns} = {rows * columns}.", nameof(data));
        }

        Rows = rows;
        Columns = columns;
        Data = data;
    }

    /// <summary>Number of rows (features, or output units of a weight matrix).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (examples, or input units of a weight matrix).</summary>
    public int Columns { get; }

    /// <summary>The elements in row-major order.</summary>
#pragma warning disable CA1819 // the backing store is the point: kernels work on it directly
    public T[] Data { get; }
#pragma warning restore CA1819

    /// <summary>Element (row, column).</summary>
    public ref T this[int row, int column] => ref Data[(row * Columns) + column];

    /// <summary>The elements as a span.</summary>
    public Span<T> AsSpan() => Data;

    /// <summary>Row <paramref name="row"/> as a span.</summary>
    public Span<T> Row(int row) => Data.AsSpan(row * Columns, Columns);

    /// <summary>A copy with the same shape.</summary>
    public Matrix<T> Clone() => new(Rows, Columns, (T[])Data.Clone());

    /// <summary>True when both shapes agree.</summary>
    public bool HasShape(int rows, int columns) => Rows == rows && Columns == columns;

    /// <summary>Returns <paramref name="existing"/> when it already has the shape, otherwise a new zero matrix.</summary>
    public static Matrix<T> Reuse(Matrix<T>? existing, int rows, int columns) =>
        existing is not null && existing.HasShape(rows, columns) ? existing : new Matrix<T>(rows, columns);

    /// <summary>Fills every element with <paramref name="value"/>.</summary>
    public void Fill(T value) => Data.AsSpan().Fill(value);

    /// <inheritdoc />
    public override string ToString() => $"Matrix<{typeof(T).Name}>({Rows}×{Columns})";
}
