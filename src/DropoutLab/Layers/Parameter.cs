using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Layers;

/// <summary>A trainable tensor and the gradient of the mean loss with respect to it.</summary>
public sealed class Parameter<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates a parameter of the given shape with a zero gradient.</summary>
    public Parameter(string name, Matrix<T> value, bool isWeight)
    {
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = new Matrix<T>(value.Rows, value.Columns);
        IsWeight = isWeight;
    }

    /// <summary>A name such as "W1" or "b2".</summary>
    public string Name { get; }

    /// <summary>The values.</summary>
    public Matrix<T> Value { get; }

    /// <summary>∂(mean loss)/∂Value from the last backward pass.</summary>
    public Matrix<T> Gradient { get; }

    /// <summary>True for weight matrices (L2 and max-norm apply), false for biases.</summary>
    public bool IsWeight { get; }
}
