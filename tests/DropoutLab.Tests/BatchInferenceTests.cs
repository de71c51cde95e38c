using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Training;

namespace DropoutLab.Tests;

public class BatchInferenceTests
{
    private static FeatureTable Table(LabeledData data) => new(data.Features, data.FeatureCount, data.Source);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(150)]
    [InlineData(200)]
    public void Probabilities_DoNotDependOnTheBatchSize(int batchSize)
    {
        // Columns are independent and the padding of a last, partial batch is zero, so every batch size gives the
        // bits of batches of 64.
        MlpNetwork<float> model = SyntheticImages.FloatModel;
        double[,] reference = new Classifier<float>(model, 64).Probabilities(SyntheticImages.Test);
        Assert.Equal(reference, new Classifier<float>(model, batchSize).Probabilities(SyntheticImages.Test));
    }

    [Fact]
    public void EvaluationAndOneDeterministicPrediction_SeeTheSameProbabilities()
    {
        MlpNetwork<double> model = SyntheticImages.DoubleModel;
        double[,] scored = new Classifier<double>(model, 32).Probabilities(SyntheticImages.Test);
        Predictions predicted = new Predictor<double>(model, 32).Predict(Table(SyntheticImages.Test), samples: 0, seed: 9);
        Assert.Equal(scored, predicted.Probabilities);
        Assert.Null(predicted.Uncertainty);
        Assert.Equal(Classifier<double>.Score(scored, SyntheticImages.Test.Labels).Accuracy, predicted.Predicted.Zip(SyntheticImages.Test.Labels).Count(pair => pair.First == pair.Second) / 150.0);
    }

    [Fact]
    public void MonteCarloPassIOfBatchB_DrawsItsMasksAtStepBTimesKPlusI()
    {
        // Batches of 2 over 3 examples, K = 3: the third example is alone in batch 1, so its passes use clock steps
        // 3, 4 and 5; redo them by hand (padding column zero) and compare the running mean.
        MlpNetwork<double> model = SyntheticImages.DoubleModel;
        var table = new FeatureTable([.. SyntheticImages.Test.Features.AsSpan(0, 3 * 8)], 8, "three");
        Predictions predictions = new Predictor<double>(model, 2).Predict(table, samples: 3, seed: 44);

        var x = new Matrix<double>(8, 2);
        var p = new Matrix<double>(3, 2);
        for (int f = 0; f < 8; f++)
        {
            x[f, 0] = (table.Example(2)[f] - model.Standardization.Mean) / model.Standardization.Std;
        }

        var mean = new double[3];
        model.SetDropAtEval(true);
        try
        {
            for (int i = 0; i < 3; i++)
            {
                model.Clock.Reset(44, 3 + (ulong)i);
                SoftmaxCrossEntropy.Probabilities(model.Network.Forward(x, Mode.Eval), p);
                for (int k = 0; k < 3; k++)
                {
                    mean[k] += (p[k, 0] - mean[k]) / (i + 1);
                }
            }
        }
        finally
        {
            model.SetDropAtEval(false);
        }

        Assert.Equal(mean, new[] { predictions.Probabilities[0, 2], predictions.Probabilities[1, 2], predictions.Probabilities[2, 2] });
    }
}
