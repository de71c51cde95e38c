using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Losses;
using DropoutLab.Numerics;
using DropoutLab.Optimizers;
using DropoutLab.Random;
using DropoutLab.Training;

namespace DropoutLab.Tests;

/// <summary>The snippet of docs/library.md: compiled here, run on a small IDX folder, and kept identical to the page.</summary>
public sealed class LibrarySnippetTests
{

    [Fact]
    public void TheSnippetTrainsEvaluatesAndRunsMonteCarloDropout()
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, trainCount: 600, testCount: 200);
        string modelPath = Path.Combine(folder.Path, "model.dlm");
        var output = new StringWriter();
        Run(folder.Path, modelPath, output);

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^test accuracy 0\.\d{3}, log-loss \d+\.\d{3}$", lines[0]);
        Assert.Matches(@"^first test example: class \d \(true \d\), uncertainty 0\.\d{3}$", lines[1]);
        Assert.True(new FileInfo(modelPath).Length > 0);
        Assert.Equal(4, ModelFile.ReadPrecision(modelPath));
    }

    [Fact]
    public void TheHandBuiltNetworkSnippetTrains()
    {
        Dataset data = FootballData.Train();
        Matrix<double> x = data.FeaturesAs<double>();
        int[] labels = data.Labels;
        var init = new NumpyRandomState(3);
        Matrix<double> w1 = Weights(20, 2, init), w2 = Weights(1, 20, init);
        var probabilities = new List<double>();

        // begin hand-built snippet
        var masks = new NumpyStreamMasks(new NumpyRandomState(1));
        var network = new Sequential<double>([
            new Dense<double>(w1, "1"), new ReluDropout<double>(0.86, DropoutScaling.Inverted, masks),
            new Dense<double>(w2, "2")]);
        var trainer = new Trainer<double>(network, new SigmoidHead<double>(), new GradientDescent<double>(0.3));
        for (int i = 0; i < 3000; i++)
        {
            trainer.Step(x, labels);   // x: features × examples; labels: one 0/1 per example
        }
        // end hand-built snippet

        probabilities.AddRange(trainer.Probabilities.Data);
        double correct = probabilities.Select((p, j) => (p > 0.5 ? 1 : 0) == labels[j] ? 1.0 : 0.0).Average();
        Assert.InRange(correct, 0.85, 1.0);
    }

    [Theory]
    [InlineData("library snippet")]
    [InlineData("hand-built snippet")]
    public void TheDocumentationShowsExactlyTheCompiledSnippets(string name)
    {
        string root = TestData.RepositoryRoot;
        string page = File.ReadAllText(Path.Combine(root, "docs", "library.md"));
        string source = File.ReadAllText(Path.Combine(root, "tests", "DropoutLab.Tests", "LibrarySnippetTests.cs"));
        Assert.Equal(Snippet(source, name, dedent: 8), Snippet(page, name, dedent: 0));
    }

    private static Matrix<double> Weights(int rows, int columns, NumpyRandomState random)
    {
        var w = new Matrix<double>(rows, columns);
        for (int i = 0; i < w.Data.Length; i++)
        {
            w.Data[i] = random.NextGaussian() / Math.Sqrt(columns);
        }

        return w;
    }

    private static string Snippet(string text, string name, int dedent)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int first = Array.FindLastIndex(lines, line => line.Trim() == "// begin " + name) + 1;
        int last = Array.FindLastIndex(lines, line => line.Trim() == "// end " + name);
        Assert.True(first > 0 && last > first, "the snippet markers are missing");
        return string.Join('\n', lines[first..last].Select(line => line.Length >= dedent ? line[dedent..] : line.TrimStart()));
    }

    private static void Run(string folder, string modelPath, TextWriter output)
    {
        // begin library snippet
        // An IDX folder in the Fashion-MNIST layout, or a CSV with the label in the last column.
        (LabeledData train, LabeledData test) = TrainingData.Load(folder, testCsv: null);
        var settings = new MlpSettings
        {
            Layers = [train.FeatureCount, 256, train.ClassCount],
            KeepProbs = [0.8, 0.5],              // keep probability of the inputs, then of each hidden layer
            Scaling = DropoutScaling.Inverted,   // divide by keepProb in training, nothing at inference
            Epochs = 2,
            Seed = 1,
        };
        MlpResult<float> result = new MlpTrainer<float>(settings).Train(train, test);
        output.WriteLine($"test accuracy {result.Test.Accuracy:F3}, log-loss {result.Test.LogLoss:F3}");

        // Monte-Carlo dropout: 50 passes with dropout on, averaged; their spread says how unsure the network is.
        var inputs = new FeatureTable(test.Features, test.FeatureCount, test.Source);
        Predictions mc = new Predictor<float>(result.Model, batchSize: 256).Predict(inputs, samples: 50, seed: 7);
        output.WriteLine($"first test example: class {mc.Predicted[0]} (true {test.Labels[0]}), uncertainty {mc.Uncertainty![0]:F3}");

        ModelFile.Save(result.Model, modelPath);   // for `dropout-lab evaluate` and `dropout-lab predict`
        // end library snippet
    }
}
