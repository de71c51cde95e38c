using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>A chain of layers, x → f₁ → f₂ → … → fₙ, with an explicit <see cref="Mode"/> on every pass.</summary>
public sealed class Sequential<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;

    /// <summary>Creates the network from its layers, in order.</summary>
    public Sequential(IEnumerable<ILayer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        _parameters = [.. _layers.SelectMany(layer => layer.Parameters)];
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>Every trainable parameter, in layer order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The dropout layers, in forward order.</summary>
    public IEnumerable<DropoutLayer<T>> DropoutLayers => _layers.OfType<DropoutLayer<T>>();

    /// <summary>The output of the last layer. The matrix is owned by that layer.</summary>
    public Matrix<T> Forward(Matrix<T> input, Mode mode)
    {
        Matrix<T> activation = input;
        foreach (ILayer<T> layer in _layers)
        {
            activation = layer.Forward(activation, mode);
        }

        return activation;
    }

    /// <summary>Back-propagates ∂L/∂output through every layer, filling each parameter's gradient.</summary>
    public void Backward(Matrix<T> outputGradient)
    {
        Matrix<T>? gradient = outputGradient;
        for (int l = _layers.Length - 1; l >= 0 && gradient is not null; l--)
        {
            gradient = _layers[l].Backward(gradient, computeInputGradient: l > 0);
        }
    }
}
