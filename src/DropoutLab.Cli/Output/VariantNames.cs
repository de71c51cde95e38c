using DropoutLab.Layers;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>The command-line spellings of <see cref="DropoutVariant"/>, <see cref="HiddenActivation"/>, <see cref="BatchNormPlacement"/> and <see cref="MaskSharing"/>.</summary>
public static class VariantNames
{
    /// <summary>bernoulli, gaussian, alpha, dropconnect (in enum order).</summary>
    public static readonly string[] Dropouts = ["bernoulli", "gaussian", "alpha", "dropconnect"];

    /// <summary>relu, selu.</summary>
    public static readonly string[] Activations = ["relu", "selu"];

    /// <summary>none, before-dropout, after-dropout.</summary>
    public static readonly string[] BatchNorms = ["none", "before-dropout", "after-dropout"];

    /// <summary>element, feature.</summary>
    public static readonly string[] MaskShares = ["element", "feature"];

    /// <summary>The name of a dropout variant.</summary>
    public static string Name(DropoutVariant variant) => Dropouts[(int)variant];

    /// <summary>The name of a hidden activation.</summary>
    public static string Name(HiddenActivation activation) => Activations[(int)activation];

    /// <summary>The name of a batch-norm placement.</summary>
    public static string Name(BatchNormPlacement placement) => BatchNorms[(int)placement];

    /// <summary>The name of a mask sharing.</summary>
    public static string Name(MaskSharing sharing) => MaskShares[(int)sharing];

    /// <summary>
    /// The choices that differ from the defaults (Bernoulli, ReLU, no batch norm, per-element masks), in that order, as
    /// "gaussian dropout", "selu", "batch norm after-dropout", "feature-shared masks"; empty for the defaults.
    /// </summary>
    public static IReadOnlyList<string> Differences(DropoutVariant dropout, HiddenActivation activation, BatchNormPlacement batchNorm, MaskSharing sharing)
    {
        var parts = new List<string>();
        if (dropout != DropoutVariant.Bernoulli)
        {
            parts.Add(Name(dropout) + " dropout");
        }

        if (activation != HiddenActivation.Relu)
        {
            parts.Add(Name(activation));
        }

        if (batchNorm != BatchNormPlacement.None)
        {
            parts.Add("batch norm " + Name(batchNorm));
        }

        if (sharing != MaskSharing.Element)
        {
            parts.Add(Name(sharing) + "-shared masks");
        }

        return parts;
    }

    /// <summary>Parses a name given by <see cref="Name(MaskSharing)"/>.</summary>
    public static MaskSharing ParseMaskShare(string name) => (MaskSharing)Array.IndexOf(MaskShares, name);

    /// <summary>Parses a name given by <see cref="Name(DropoutVariant)"/>.</summary>
    public static DropoutVariant ParseDropout(string name) => (DropoutVariant)Array.IndexOf(Dropouts, name);

    /// <summary>Parses a name given by <see cref="Name(HiddenActivation)"/>.</summary>
    public static HiddenActivation ParseActivation(string name) => (HiddenActivation)Array.IndexOf(Activations, name);

    /// <summary>Parses a name given by <see cref="Name(BatchNormPlacement)"/>.</summary>
    public static BatchNormPlacement ParseBatchNorm(string name) => (BatchNormPlacement)Array.IndexOf(BatchNorms, name);
}
