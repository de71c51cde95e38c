namespace DropoutLab.Layers;

/// <summary>Whether a forward pass trains (dropout active) or evaluates (dropout replaced by its inference rule).</summary>
public enum Mode
{
    /// <summary>Training: dropout draws (or reuses) masks.</summary>
    Train,

    /// <summary>Evaluation: no masks; each dropout layer applies its scaling rule's inference transform.</summary>
    Eval,
}
