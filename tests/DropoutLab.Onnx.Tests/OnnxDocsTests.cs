using DropoutLab.Training;

namespace DropoutLab.Onnx.Tests;

/// <summary>docs/onnx.md's C# snippet is this project's <see cref="OnnxQuickstart"/>, and it works.</summary>
public sealed class OnnxDocsTests
{
    [Fact]
    public void TheDocsSnippetIsTheCompiledQuickstart()
    {
        string root = RepositoryRoot();
        string source = File.ReadAllText(Path.Combine(root, "tests", "DropoutLab.Onnx.Tests", "OnnxQuickstart.cs"));
        int start = source.IndexOf("// snippet-start\n", StringComparison.Ordinal) + "// snippet-start\n".Length;
        int end = source.IndexOf("\n// snippet-end", StringComparison.Ordinal);
        string snippet = source[start..end].Trim();
        string docs = File.ReadAllText(Path.Combine(root, "docs", "onnx.md"));
        Assert.Contains(snippet, docs, StringComparison.Ordinal);
    }

    [Fact]
    public void TheQuickstartPredictsAndAveragesMonteCarloPasses()
    {
        MlpNetwork<float> model = OnnxParityTests.Build<float>("inverted");
        string folder = Directory.CreateTempSubdirectory("dropoutlab-onnx-docs-").FullName;
        try
        {
            string eval = Path.Combine(folder, "model.onnx"), mc = Path.Combine(folder, "model-mc.onnx");
            OnnxExport.Save(model, eval);
            OnnxExport.Save(model, mc, new OnnxExportOptions { McDropout = true });
            float[] x = TestModels.Inputs(50, 7);
            float[] p = OnnxQuickstart.Predict(eval, x, 7);
            double[,] expected = TestModels.LibraryProbabilities(model, x, 50);
            Assert.Equal(expected[2, 49], p[(49 * 3) + 2], 1e-5);

            float[] mean = OnnxQuickstart.MonteCarloMean(mc, x, 7, 200);
            Assert.Equal(150, mean.Length);
            Assert.All(Enumerable.Range(0, 50), r => Assert.Equal(1.0, mean[3 * r] + mean[(3 * r) + 1] + mean[(3 * r) + 2], 1e-4));
            Assert.NotEqual(p, mean);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DropoutLab.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("DropoutLab.slnx not found above " + AppContext.BaseDirectory);
    }
}
