using System.Numerics;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;

namespace DropoutLab.Training;

// Dimension key: n₀ = input features, C = classes, B = batch size. X : n₀ × B, P : C × B.

/// <summary>
/// The one batched inference loop of evaluation and prediction: the examples go in consecutive batches of B
/// (the last one padded with zero columns, which never change the other columns), each batch is gathered and
/// standardized into X once, and each of its K passes computes P = softmax(f(X)) in the given mode and hands P to a
/// sink. Nothing is allocated per batch.
/// </summary>
internal sealed class BatchInference<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly MlpNetwork<T> _model;
    private readonly Matrix<T> _batch;
    private readonly Matrix<T> _probabilities;

    /// <summary>Creates the loop's buffers for batches of <paramref name="batchSize"/> examples.</summary>
    public BatchInference(MlpNetwork<T> model, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _model = model;
        _batch = new Matrix<T>(model.Layers[0], batchSize);
        _probabilities = new Matrix<T>(model.Layers[^1], batchSize);
    }

    /// <summary>Output classes C.</summary>
    public int Classes => _model.Layers[^1];

    /// <summary>Throws unless the examples have the network's input width n₀.</summary>
    /// <exception cref="DataFormatException">They do not.</exception>
    public void CheckWidth(int featureCount, string source)
    {
        if (featureCount != _model.Layers[0])
        {
            throw new DataFormatException($"examples have {featureCount} features but the network's first layer takes {_model.Layers[0]}.", source);
        }
    }

    /// <summary>
    /// For each batch b (examples b·B … b·B + count − 1) and each pass i &lt; <paramref name="passes"/>:
    /// <c>sink.BeforePass(b, i)</c>, P = softmax(f(X_b)) in <paramref name="mode"/>, <c>sink.Accept(P, b·B, count, i)</c>.
    /// </summary>
    public void Run<TSink>(FeatureTable data, int passes, Mode mode, ref TSink sink)
        where TSink : struct, IInferenceSink<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        int n = data.Count, batch = _batch.Columns;
        for (int start = 0, b = 0; start < n; start += batch, b++)
        {
            int count = Math.Min(batch, n - start);
            BatchGather.Gather(data, start, count, _batch, _model.Standardization);
            for (int i = 0; i < passes; i++)
            {
                sink.BeforePass(b, i);
                SoftmaxCrossEntropy.Probabilities(_model.Network.Forward(_batch, mode), _probabilities);
                sink.Accept(_probabilities, start, count, i);
            }
        }
    }
}
