using System.Globalization;
using System.Text.Json;
using DropoutLab.Training;

namespace DropoutLab.Tests;

public class TrainVariantsTests
{
    // Written by the build before model file version 2 (commit f4db194): train --data train.csv --layers 3,8,3
    // --keep-probs 0.9,0.8 --batch-size 10 --epochs 3 --learning-rate 0.01 --threads 1; its evaluate --json on
    // V1TestCsv printed accuracy 0.6666666666666666 and logLoss 0.5917409642322128.
    private const string V1Model = "RExBQk1PREwBAAAABAAAAAAAAAADAAAAAwAAAAgAAAADAAAAzczMzMzM7D+amZmZmZnpPwEAAAAAAAAA4m/zW09z8D8kZq8J6EjsP6W2VD++IeK+mZTMvi69P7+0aLw+Q2u6vxKUbD8tqQG/XLHLPZwa77zaAHU/0MWJv1q1f71pzOu9enxEP3x2Qr8pkGS+f5kgv6krAT66leY+XocHv9n4SD+DlSM/GwTRPuwAFr1dfO89pEemvQVQ272L7V08+SP7PV/4Z7xOiNM9udSQPlbq/r390xO+PcBxvujfQr7IH5w+PvQdvnMciL7pk5a+ZczQvrUxnL7XnYq9EtPgvq+SsrzREgQ/2hUaPrb+lbxqCdy+lzUrvogkAD/nUfg9l5CzvlqKm7z6qV0/wJBPPUvEjz0BqO29nfGCBqRrvRwGLM+MLgaOq6Vi9NHP5M+smDSE/BPzObY=";
    private const string V1TestCsv = "x0,x1,x2,label\n0.5266,0.3971,-0.5739,0\n1.5508,1.2107,0.8648,1\n1.9927,2.3415,2.3525,2\n0.2565,0.0423,0.0107,0\n1.2496,0.9726,0.7306,1\n1.8130,1.9581,2.0998,2\n0.6791,-0.4109,0.1432,0\n0.9725,1.0903,1.4062,1\n2.3724,1.9528,1.8327,2\n-0.4089,-0.0214,0.3741,0\n0.9205,1.2112,1.2124,1\n2.1192,2.3252,1.9659,2\n-0.2488,-0.3517,0.2781,0\n0.8914,0.9067,1.2503,1\n1.7633,2.5311,2.1999,2\n-0.1581,-0.1901,0.3245,0\n0.6448,0.8077,1.0019,1\n2.0608,2.0046,2.1162,2\n-0.1092,-0.0364,0.3795,0\n1.1938,0.8651,1.5144,1\n1.4028,2.0253,2.2005,2\n0.2917,0.0335,-0.1154,0\n1.1757,0.9420,1.1424,1\n1.1430,2.1145,1.7628,2\n0.2823,0.2243,0.2186,0\n0.8786,1.1302,0.8973,1\n2.0645,1.9594,1.7386,2\n0.5931,0.2171,-0.6170,0\n1.2681,0.5817,0.9304,1\n1.8254,1.8396,2.0722,2\n";

    private static string[] Tiny(string data, params string[] more) =>
        ["train", "--data", data, "--layers", "8,16,3", "--keep-probs", "0.9,0.8", "--batch-size", "20", "--learning-rate", "0.01", "--epochs", "6", "--threads", "1", .. more];

    public static TheoryData<string, string, string, string> Allowed => new()
    {
        { "bernoulli", "relu", "none", "element" },
        { "bernoulli", "selu", "none", "element" },
        { "gaussian", "relu", "none", "element" },
        { "gaussian", "selu", "none", "element" },
        { "alpha", "selu", "none", "element" },
        { "bernoulli", "relu", "before-dropout", "element" },
        { "bernoulli", "relu", "after-dropout", "element" },
        { "gaussian", "selu", "after-dropout", "element" },
        { "alpha", "selu", "before-dropout", "element" },
        { "dropconnect", "relu", "none", "element" },
        { "dropconnect", "selu", "none", "element" },
        { "dropconnect", "relu", "before-dropout", "element" },
        { "dropconnect", "relu", "after-dropout", "element" },
        { "bernoulli", "relu", "none", "feature" },
        { "gaussian", "relu", "none", "feature" },
        { "alpha", "selu", "none", "feature" },
        { "bernoulli", "relu", "before-dropout", "feature" },
        { "bernoulli", "relu", "after-dropout", "feature" },
        { "gaussian", "selu", "before-dropout", "feature" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void EachVariantTrainsAndItsSavedModelScoresTheSameBits(string dropout, string activation, string batchNorm, string maskShare)
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 300, 150);
        string model = Path.Combine(folder.Path, "m.dlm");
        CliRun run = CliRunner.Run(Tiny(folder.Path, "--dropout", dropout, "--activation", activation, "--batchnorm", batchNorm, "--mask-share", maskShare, "--json", "--save", model));
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument trained = JsonDocument.Parse(run.Output);
        JsonElement root = trained.RootElement;
        Assert.Equal(dropout, root.GetProperty("dropout").GetString());
        Assert.Equal(activation, root.GetProperty("activation").GetString());
        Assert.Equal(batchNorm, root.GetProperty("batchnorm").GetString());
        Assert.Equal(maskShare, root.GetProperty("maskShare").GetString());
        JsonElement epochs = root.GetProperty("epochs");
        Assert.True(epochs[epochs.GetArrayLength() - 1].GetProperty("trainLoss").GetDouble() < epochs[0].GetProperty("trainLoss").GetDouble());

        int version = BitConverter.ToInt32(File.ReadAllBytes(model), 8);
        Assert.Equal(dropout == "bernoulli" && activation == "relu" && batchNorm == "none" && maskShare == "element" ? 1 : 2, version);
        MlpNetwork<float> loaded = ModelFile.Load<float>(model);
        Assert.Equal(dropout, loaded.Dropout.ToString().ToLowerInvariant());
        Assert.Equal(maskShare, loaded.MaskShare.ToString().ToLowerInvariant());
        Assert.Equal(dropout == "dropconnect" ? 2 : 0, loaded.WeightMasks.Count());
        Assert.Equal(maskShare == "feature", loaded.Network.DropoutLayers.Any() && loaded.Network.DropoutLayers.All(layer => layer.Sharing == Layers.MaskSharing.Feature));

        // Saving the loaded model again writes the same bytes.
        string again = Path.Combine(folder.Path, "again.dlm");
        ModelFile.Save(loaded, again);
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(again));
        Assert.Equal(activation, loaded.Activation.ToString().ToLowerInvariant());
        Assert.Equal(batchNorm == "none" ? 0 : 1, loaded.BatchNormLayers.Count());

        CliRun evaluation = CliRunner.Run("evaluate", "--model", model, "--data", folder.Path, "--json");
        Assert.True(evaluation.ExitCode == 0, evaluation.Error);
        using JsonDocument scored = JsonDocument.Parse(evaluation.Output);
        Assert.Equal(root.GetProperty("testAccuracy").GetDouble(), scored.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(root.GetProperty("testLogLoss").GetDouble(), scored.RootElement.GetProperty("logLoss").GetDouble());
    }

    [Theory]
    [InlineData("gaussian", "relu", "element")]
    [InlineData("alpha", "selu", "element")]
    [InlineData("dropconnect", "relu", "element")]
    [InlineData("bernoulli", "relu", "feature")]
    public void MonteCarloPredictionOfVariantModelsHasUncertainty(string dropout, string activation, string maskShare)
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 300, 150);
        string model = Path.Combine(folder.Path, "m.dlm");
        Assert.Equal(0, CliRunner.Run(Tiny(folder.Path, "--dropout", dropout, "--activation", activation, "--mask-share", maskShare, "--save", model)).ExitCode);
        string input = folder.File("in.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: false));
        string output = Path.Combine(folder.Path, "out.csv");
        CliRun predict = CliRunner.Run("predict", "--model", model, "--input", input, "--output", output, "--mc-samples", "8");
        Assert.True(predict.ExitCode == 0, predict.Error);
        string[] lines = File.ReadAllLines(output);
        int column = Array.IndexOf(lines[0].Split(','), "uncertainty");
        Assert.True(column > 0);
        Assert.Contains(lines.Skip(1), line => double.Parse(line.Split(',')[column], CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData(new[] { "--dropout", "alpha" }, "--dropout", "--activation")]
    [InlineData(new[] { "--dropout", "alpha", "--activation", "relu" }, "--dropout", "--activation")]
    [InlineData(new[] { "--dropout", "poisson" }, "--dropout", "poisson")]
    [InlineData(new[] { "--activation", "tanh" }, "--activation", "tanh")]
    [InlineData(new[] { "--batchnorm", "middle" }, "--batchnorm", "middle")]
    [InlineData(new[] { "--dropout", "gaussian", "--scaling", "none" }, "--scaling", "gaussian")]
    [InlineData(new[] { "--dropout", "dropconnect", "--scaling", "none" }, "--scaling", "dropconnect")]
    [InlineData(new[] { "--dropout", "dropconnect", "--scaling", "at-inference" }, "--scaling", "dropconnect")]
    [InlineData(new[] { "--mask-share", "row" }, "--mask-share", "row")]
    [InlineData(new[] { "--dropout", "dropconnect", "--mask-share", "feature" }, "--mask-share", "--dropout")]
    public void RefusedCombinationsExit2WithOneLineNamingTheFlag(string[] flags, string named, string also)
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 60, 30);
        CliRun run = CliRunner.Run(Tiny(folder.Path, flags));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Contains(also, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--batchnorm", "after-dropout")]
    [InlineData("--dropout", "dropconnect")]
    [InlineData("--mask-share", "feature")]
    public void CheckpointsOfANonDefaultVariantAreRefusedWithExit2(string flag, string value)
    {
        using var folder = new TempFolder();
        SyntheticImages.WriteMnistFolder(folder.Path, 60, 30);
        CliRun run = CliRunner.Run(Tiny(folder.Path, flag, value, "--save", Path.Combine(folder.Path, "m.dlm"), "--checkpoint-every", "1"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("--checkpoint-every", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "m.dlm")));
    }

    [Fact]
    public void AVersion1ModelWrittenByTheOldCodeStillLoadsAndScoresTheSameBits()
    {
        using var folder = new TempFolder();
        string model = Path.Combine(folder.Path, "v1.dlm");
        File.WriteAllBytes(model, Convert.FromBase64String(V1Model));
        Assert.Equal(1, BitConverter.ToInt32(File.ReadAllBytes(model), 8));
        string test = folder.File("test.csv", V1TestCsv);
        CliRun evaluation = CliRunner.Run("evaluate", "--model", model, "--data", test, "--json");
        Assert.True(evaluation.ExitCode == 0, evaluation.Error);
        using JsonDocument scored = JsonDocument.Parse(evaluation.Output);
        Assert.Equal(0.6666666666666666, scored.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(0.5917409642322128, scored.RootElement.GetProperty("logLoss").GetDouble());
        MlpNetwork<float> loaded = ModelFile.Load<float>(model);
        Assert.Equal(DropoutVariant.Bernoulli, loaded.Dropout);
        Assert.Equal(HiddenActivation.Relu, loaded.Activation);
        Assert.Equal(BatchNormPlacement.None, loaded.BatchNorm);

        // Saving it again writes version 1, byte for byte the old file.
        string again = Path.Combine(folder.Path, "again.dlm");
        ModelFile.Save(loaded, again);
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(again));
    }
}
