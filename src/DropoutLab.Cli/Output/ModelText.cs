using System.Globalization;
using System.Numerics;
using DropoutLab.Layers;
using DropoutLab.Training;

namespace DropoutLab.Cli.Output;

/// <summary>One-line descriptions of a loaded model.</summary>
public static class ModelText
{
    /// <summary>E.g. "float32, layers 8,16,3, keep-probs 0.9,0.8, inverted scaling".</summary>
    public static string Describe<T>(MlpNetwork<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        string precision = typeof(T) == typeof(float) ? "float32" : "float64";
        string layers = string.Join(',', model.Layers);
        string keepProbs = string.Join(',', model.KeepProbs.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
        string variant = model.Dropout == DropoutVariant.Bernoulli ? string.Empty : $", {VariantNames.Name(model.Dropout)} dropout";
        string activation = model.Activation == HiddenActivation.Relu ? string.Empty : $", {VariantNames.Name(model.Activation)}";
        string batchNorm = model.BatchNorm == BatchNormPlacement.None ? string.Empty : $", batch norm {VariantNames.Name(model.BatchNorm)}";
        string sharing = model.MaskShare == MaskSharing.Element ? string.Empty : $", {VariantNames.Name(model.MaskShare)}-shared masks";
        return $"{precision}, layers {layers}, keep-probs {keepProbs}, {model.Scaling.ToName()} scaling{variant}{activation}{batchNorm}{sharing}";
    }

    /// <summary>True when no layer drops anything (every keep probability is 1).</summary>
    public static bool HasNoDropout<T>(MlpNetwork<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.KeepProbs.All(p => p >= 1.0);
    }
}
