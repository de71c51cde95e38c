namespace DropoutLab.Layers;

/// <summary>Where the 1/keepProb correction that keeps E[y] = a is applied.</summary>
public enum DropoutScaling
{
    /// <summary>Train: y = m·a/keepProb. Inference: y = a.</summary>
    Inverted,

    /// <summary>Train: y = m·a. Inference: y = keepProb·a (Srivastava et al. 2014).</summary>
    AtInference,

    /// <summary>Train: y = m·a. Inference: y = a (no correction; E[y] differs by keepProb).</summary>
    None,
}
