namespace DropoutLab.Training;

/// <summary>The activation of every hidden layer of <see cref="MlpNetwork{T}"/>.</summary>
public enum HiddenActivation
{
    /// <summary>max(x, 0) (the default).</summary>
    Relu,

    /// <summary>Scaled exponential linear unit (<see cref="Layers.Selu{T}"/>); with <see cref="DropoutVariant.Alpha"/> the network is self-normalizing.</summary>
    Selu,
}
