namespace DropoutLab.Training;

/// <summary>The optimizers <see cref="MlpTrainer{T}"/> can use.</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient descent.</summary>
    Sgd,

    /// <summary>Gradient descent with momentum.</summary>
    Momentum,

    /// <summary>Adam.</summary>
    Adam,
}
