using System.Numerics;

namespace DropoutLab.Numerics;

/// <summary>
/// A layer's buffer for one role (output, input gradient, …) that keeps the two shapes most recently asked for, so
/// that alternating batch sizes — a full batch, then the partial last one, every epoch — allocate nothing after the
/// first epoch. Like <see cref="Matrix{T}.Reuse"/>, a matrix handed out again still holds its last contents.
/// </summary>
internal struct MatrixCache<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Matrix<T>? _recent;
    private Matrix<T>? _older;

    /// <summary>A rows × columns matrix: one of the two kept ones when it has the shape, otherwise a new zero matrix that replaces the older.</summary>
    public Matrix<T> Get(int rows, int columns)
    {
        if (_recent is not null && _recent.HasShape(rows, columns))
        {
            return _recent;
        }

        Matrix<T> matrix = _older is not null && _older.HasShape(rows, columns) ? _older : new Matrix<T>(rows, columns);
        _older = _recent;
        _recent = matrix;
        return matrix;
    }
}
