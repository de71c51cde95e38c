using System.Numerics;

namespace DropoutLab.Training;

/// <summary>A trained regression network, the mean loss of its last epoch, the steps taken and the parameters' SHA-256.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed record RegressionResult<T>(MlpNetwork<T> Model, double FinalLoss, long Steps, string ParameterHash)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
