using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>Runs an <see cref="MlpNetwork{T}"/> over a data set in fixed-size batches and scores it.</summary>
public sealed class Classifier<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly MlpNetwork<T> _model;
    private readonly Matrix<T> _batch;
    private readonly Matrix<T> _probabilities;
    private readonly int[] _labels;

    /// <summary>Creates a scorer that feeds <paramref name="batchSize"/> examples at a time.</summary>
    public Classifier(MlpNetwork<T> model, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _model = model;
        _batch = new Matrix<T>(model.Layers[0], batchSize);
        _probabilities = new Matrix<T>(model.Layers[^1], batchSize);
        _labels = new int[batchSize];
    }

    /// <summary>Class probabilities (classes × examples) of every example, in data order.</summary>
    public double[,] Probabilities(LabeledData data, Mode mode = Mode.Eval)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckWidth(data);
        int classes = _model.Layers[^1], batch = _batch.Columns;
        var result = new double[classes, data.Count];
        int[] order = [.. Enumerable.Range(0, data.Count)];
        for (int start = 0; start < data.Count; start += batch)
        {
            int count = Math.Min(batch, data.Count - start);
            BatchGather.Gather(data, order, start, count, _batch, _labels, _model.Standardization);
            SoftmaxCrossEntropy.Probabilities(_model.Network.Forward(_batch, mode), _probabilities);
            for (int j = 0; j < count; j++)
            {
                for (int k = 0; k < classes; k++)
                {
                    result[k, start + j] = double.CreateTruncating(_probabilities[k, j]);
                }
            }
        }

        return result;
    }

    /// <summary>Accuracy, log-loss, calibration error and confusion matrix in evaluation mode.</summary>
    public EvaluationReport Evaluate(LabeledData data)
    {
        double[,] probabilities = Probabilities(data);
        return Score(probabilities, data.Labels);
    }

    /// <summary>Scores class probabilities (classes × examples) against labels.</summary>
    public static EvaluationReport Score(double[,] probabilities, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        int classes = probabilities.GetLength(0), n = labels.Length;
        var confusion = new int[classes][];
        for (int k = 0; k < classes; k++)
        {
            confusion[k] = new int[classes];
        }

        var confidence = new double[n];
        var correct = new bool[n];
        double logLoss = 0;
        int right = 0;
        for (int j = 0; j < n; j++)
        {
            int predicted = 0;
            for (int k = 1; k < classes; k++)
            {
                if (probabilities[k, j] > probabilities[predicted, j])
                {
                    predicted = k;
                }
            }

            int actual = labels[j];
            confusion[actual][predicted]++;
            confidence[j] = probabilities[predicted, j];
            correct[j] = predicted == actual;
            right += correct[j] ? 1 : 0;
            logLoss -= PortableMath.Log(Math.Max(probabilities[actual, j], 1e-300));
        }

        return new EvaluationReport(n, n == 0 ? 0 : (double)right / n, n == 0 ? 0 : logLoss / n, Calibration.ExpectedCalibrationError(confidence, correct), confusion);
    }

    private void CheckWidth(LabeledData data)
    {
        if (data.FeatureCount != _model.Layers[0])
        {
            throw new DataFormatException($"examples have {data.FeatureCount} features but the network's first layer takes {_model.Layers[0]}.", data.Source);
        }

        int classes = _model.Layers[^1];
        for (int j = 0; j < data.Labels.Length; j++)
        {
            if (data.Labels[j] >= classes)
            {
                throw new DataFormatException($"example {j + 1} has label {data.Labels[j]}, not below the network's {classes} output classes.", data.Source);
            }
        }
    }
}
