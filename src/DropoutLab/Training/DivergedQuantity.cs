namespace DropoutLab.Training;

/// <summary>What became non-finite when training diverged.</summary>
public enum DivergedQuantity
{
    /// <summary>The step's loss: the probabilities it is computed from hold NaN or ±∞, or the loss itself is not finite.</summary>
    Loss,

    /// <summary>A parameter (a weight or a bias) after an update.</summary>
    Parameter,
}
