using System.Numerics;
using System.Text;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Training;

namespace DropoutLab.Tests;

[Trait("Category", "Fast")]
public sealed class ModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Float32_model_round_trips_bit_for_bit() => AssertRoundTrip(SyntheticImages.FloatModel, 4);

    [Fact]
    public void Float64_model_round_trips_bit_for_bit() => AssertRoundTrip(SyntheticImages.DoubleModel, 8);

    private void AssertRoundTrip<T>(MlpNetwork<T> model, int precision)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string path = Path.Combine(_folder.Path, "model.dlm");
        ModelFile.Save(model, path);
        Assert.Equal(precision, ModelFile.ReadPrecision(path));
        MlpNetwork<T> loaded = ModelFile.Load<T>(path, threads: 1);

        Assert.Equal(model.Layers, loaded.Layers);
        Assert.Equal(model.KeepProbs, loaded.KeepProbs);
        Assert.Equal(model.Scaling, loaded.Scaling);
        Assert.Equal(model.Clock.Seed, loaded.Clock.Seed);
        Assert.NotEqual(InputStandardization.None, model.Standardization);
        Assert.Equal(model.Standardization, loaded.Standardization);
        Assert.Equal(model.Network.Parameters.Count, loaded.Network.Parameters.Count);
        for (int i = 0; i < model.Network.Parameters.Count; i++)
        {
            Assert.Equal(model.Network.Parameters[i].Value.Data, loaded.Network.Parameters[i].Value.Data);
        }

        Assert.Equal(ParameterHash.Sha256(model.Network.Parameters), ParameterHash.Sha256(loaded.Network.Parameters));
        Assert.Equal(new Classifier<T>(model, 64).Probabilities(SyntheticImages.Test), new Classifier<T>(loaded, 64).Probabilities(SyntheticImages.Test));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void Saving_over_an_existing_model_replaces_it()
    {
        string path = Path.Combine(_folder.Path, "model.dlm");
        ModelFile.Save(SyntheticImages.DoubleModel, path);
        ModelFile.Save(SyntheticImages.FloatModel, path);
        Assert.Equal(4, ModelFile.ReadPrecision(path));
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "flip", "checksum does not match" },
        { "truncated", "truncated model file" },
        { "truncated-header", "truncated model file" },
        { "empty", "not a DropoutLab model file" },
        { "png", "not a DropoutLab model file" },
        { "text", "not a DropoutLab model file" },
        { "version", "version 3 is not supported" },
        { "trailing", "bytes after its end" },
        { "missing", "cannot read the model file" },
    };

    private string Corrupt(string kind)
    {
        string good = Path.Combine(_folder.Path, "good.dlm");
        ModelFile.Save(SyntheticImages.FloatModel, good);
        byte[] bytes = File.ReadAllBytes(good);
        string path = Path.Combine(_folder.Path, $"{kind}.dlm");
        byte[]? written = kind switch
        {
            "flip" => Flip(bytes, bytes.Length / 2),
            "truncated" => bytes[..(bytes.Length / 2)],
            "truncated-header" => bytes[..20],
            "empty" => [],
            "png" => [0x89, .. "PNG\r\n\u001a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
            "text" => Encoding.UTF8.GetBytes("x0,x1,label\n1,2,0\n"),
            "version" => WithVersion(bytes, 3),
            "trailing" => [.. bytes, 0],
            "missing" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (written is not null)
        {
            File.WriteAllBytes(path, written);
        }

        return path;
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x10;
        return bytes;
    }

    private static byte[] WithVersion(byte[] bytes, int version)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), version);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Damaged_model_files_are_data_errors_naming_the_file(string kind, string reason)
    {
        string path = Corrupt(kind);
        foreach (Func<object> read in new Func<object>[] { () => ModelFile.ReadPrecision(path), () => ModelFile.Load<float>(path), () => ModelFile.Load<double>(path) })
        {
            var error = Assert.Throws<DataFormatException>(read);
            Assert.Equal(path, error.FilePath);
            Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Cli_reports_a_damaged_model_in_one_line_and_exits_1(string kind, string reason)
    {
        string path = Corrupt(kind);
        string input = _folder.File("in.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: false));
        string labelled = _folder.File("test.csv", SyntheticImages.Csv(SyntheticImages.Test, withLabel: true));
        string output = Path.Combine(_folder.Path, "out.csv");
        CliRun[] runs =
        [
            CliRunner.Run("evaluate", "--model", path, "--data", labelled),
            CliRunner.Run("predict", "--model", path, "--input", input, "--output", output, "--mc-samples", "3"),
        ];
        foreach (CliRun run in runs)
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Equal(string.Empty, run.Output);
            Assert.Equal($"dropout-lab: error: {path}: ", run.Error[..($"dropout-lab: error: {path}: ".Length)]);
            Assert.Contains(reason, run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        }

        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_loaded_model_uses_its_stored_mask_seed_and_scaling()
    {
        MlpNetwork<float> model = MlpNetwork<float>.Create([4, 5, 2], [0.8, 0.5], DropoutScaling.AtInference, seed: 99, threads: 1);
        string path = Path.Combine(_folder.Path, "m.dlm");
        ModelFile.Save(model, path);
        MlpNetwork<double> widened = ModelFile.Load<double>(path);
        Assert.Equal(99UL, widened.Clock.Seed);
        Assert.Equal(DropoutScaling.AtInference, widened.Scaling);
        Assert.Equal(model.Network.Parameters[0].Value.Data.Select(x => (double)x), widened.Network.Parameters[0].Value.Data);
    }
}
