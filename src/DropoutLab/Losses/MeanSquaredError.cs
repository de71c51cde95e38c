using System.Numerics;
using DropoutLab.Numerics;

namespace DropoutLab.Losses;

// Dimension key: C = outputs, m = examples. Ŷ (predictions), Y (targets), dŶ : C × m.

/// <summary>
/// Mean squared error in the Keras form: the loss of example j is (1/C)·Σₖ (ŷₖⱼ − yₖⱼ)², the mean over its C
/// outputs, so its gradient is dŷₖⱼ = (2/C)·(ŷₖⱼ − yₖⱼ). With standardized targets it is, up to constants, the
/// negative log-likelihood of a Gaussian with fixed variance (the regression counterpart of cross-entropy).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class MeanSquaredError<T> : IRegressionLoss<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The three matrices do not have one shape.</exception>
    public void Gradient(Matrix<T> predictions, Matrix<T> targets, Matrix<T> predictionGradient)
    {
        RequireSameShape(predictions, targets);
        ArgumentNullException.ThrowIfNull(predictionGradient);
        if (!predictionGradient.HasShape(predictions.Rows, predictions.Columns))
        {
            throw new ArgumentException($"the gradient is {predictionGradient.Rows} × {predictionGradient.Columns} but the predictions are {predictions.Rows} × {predictions.Columns}.", nameof(predictionGradient));
        }

        T factor = T.CreateChecked(2.0 / predictions.Rows);
        ReadOnlySpan<T> prediction = predictions.Data, target = targets.Data;
        Span<T> gradient = predictionGradient.Data;
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = factor * (prediction[i] - target[i]);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The predictions and targets do not have one shape.</exception>
    public double SumLoss(Matrix<T> predictions, Matrix<T> targets)
    {
        RequireSameShape(predictions, targets);
        ReadOnlySpan<T> prediction = predictions.Data, target = targets.Data;
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            double error = double.CreateChecked(prediction[i] - target[i]);
            sum += error * error;
        }

        return sum / predictions.Rows;
    }

    private static void RequireSameShape(Matrix<T> predictions, Matrix<T> targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (!targets.HasShape(predictions.Rows, predictions.Columns))
        {
            throw new ArgumentException($"the targets are {targets.Rows} × {targets.Columns} but the predictions are {predictions.Rows} × {predictions.Columns}.", nameof(targets));
        }
    }
}
