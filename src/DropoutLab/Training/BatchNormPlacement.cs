namespace DropoutLab.Training;

/// <summary>Where <see cref="MlpNetwork{T}"/> puts a <see cref="Layers.BatchNorm{T}"/> in each hidden layer.</summary>
/// <remarks>
/// Placing batch normalization after dropout lets the running statistics be gathered under the training masks while
/// evaluation sees no masks: the variance shift of Li, Chen, Hu and Yang, "Understanding the Disharmony between
/// Dropout and Batch Normalization by Variance Shift", CVPR 2019.
/// </remarks>
public enum BatchNormPlacement
{
    /// <summary>No batch normalization: Dense → ReLU + dropout (the default).</summary>
    None,

    /// <summary>Dense → BatchNorm → ReLU + dropout: the pre-activations are normalized, as Ioffe and Szegedy place it.</summary>
    BeforeDropout,

    /// <summary>Dense → ReLU + dropout → BatchNorm: the next Dense layer's input is normalized, after the masks.</summary>
    AfterDropout,
}
