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
        string variant = string.Concat(VariantNames.Differences(model.Dropout, model.Activation, model.BatchNorm, model.MaskShare).Select(part => ", " + part));
        return $"{precision}, layers {layers}, keep-probs {keepProbs}, {model.Scaling.ToName()} scaling{variant}";
    }

    /// <summary>True when no layer drops anything (every keep probability is 1).</summary>
    public static bool HasNoDropout<T>(MlpNetwork<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.KeepProbs.All(p => p >= 1.0);
    }
}
