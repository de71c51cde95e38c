using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Metrics;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

/// <summary>Runs an <see cref="MlpNetwork{T}"/> over a data set in fixed-size batches and scores it.</summary>
public sealed class Classifier<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly BatchInference<T> _inference;

    /// <summary>Creates a scorer that feeds <paramref name="batchSize"/> examples at a time.</summary>
    public Classifier(MlpNetwork<T> model, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _inference = new BatchInference<T>(model, batchSize);
    }

    /// <summary>Class probabilities (classes × examples) of every example, in data order.</summary>
    public double[,] Probabilities(LabeledData data, Mode mode = Mode.Eval)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckWidth(data);
        var sink = new CopySink(new double[_inference.Classes, data.Count]);
        _inference.Run(new FeatureTable(data.Features, data.FeatureCount, data.Source), passes: 1, mode, ref sink);
        return sink.Result;
    }

    /// <summary>Accuracy, log-loss, calibration error and confusion matrix in evaluation mode.</summary>
    public EvaluationReport Evaluate(LabeledData data)
    {
        double[,] probabilities = Probabilities(data);
        return Score(probabilities, data.Labels);
    }

    /// <summary>
    /// Scores class probabilities (classes × examples, computed in T) against labels: accuracy with ŷ = argmaxₖ pₖ
    /// (<see cref="ArgMax"/>), the mean <see cref="MultiClassLogLoss"/>, the top-label
    /// <see cref="ConfidenceCalibrationError"/> and the confusion matrix; accuracy and log-loss are 0 without examples.
    /// </summary>
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
        int right = 0;
        for (int j = 0; j < n; j++)
        {
            int predicted = ArgMax.Column(probabilities, j);
            int actual = labels[j];
            confusion[actual][predicted]++;
            confidence[j] = probabilities[predicted, j];
            correct[j] = predicted == actual;
            right += correct[j] ? 1 : 0;
        }

        double logLoss = MultiClassLogLoss.Sum<T>(probabilities, labels);
        return new EvaluationReport(n, n == 0 ? 0 : (double)right / n, n == 0 ? 0 : logLoss / n, ConfidenceCalibrationError.FromConfidences(confidence, correct), confusion);
    }

    private void CheckWidth(LabeledData data)
    {
        _inference.CheckWidth(data.FeatureCount, data.Source);
        int classes = _inference.Classes;
        for (int j = 0; j < data.Labels.Length; j++)
        {
            if (data.Labels[j] >= classes)
            {
                throw new DataFormatException($"example {j + 1} has label {data.Labels[j]}, not below the network's {classes} output classes.", data.Source);
            }
        }
    }

    // result[k, start + j] = P[k, j] widened to double, for the real columns j < count
    private readonly struct CopySink(double[,] result) : IInferenceSink<T>
    {
        public double[,] Result => result;

        public void BeforePass(int batch, int pass)
        {
        }

        public void Accept(Matrix<T> probabilities, int start, int count, int pass)
        {
            for (int j = 0; j < count; j++)
            {
                for (int k = 0; k < probabilities.Rows; k++)
                {
                    result[k, start + j] = double.CreateTruncating(probabilities[k, j]);
                }
            }
        }
    }
}
