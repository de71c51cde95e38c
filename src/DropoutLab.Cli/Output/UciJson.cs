using System.Text.Json;
using DropoutLab.Data;
using DropoutLab.Formatting;
using DropoutLab.Uci;

namespace DropoutLab.Cli.Output;

/// <summary>
/// The JSON of <c>uci --json</c> (and of the files <c>uci --out</c> writes), and its reading back for <c>uci merge</c>:
/// every double written with its shortest round-trip digits (NaN and ±∞ as null), so a result read back is bit for bit
/// the one written, test predictions aside.
/// </summary>
public static class UciJson
{
    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, UciResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        UciRunDescription run = result.Run;
        writer.WriteStartObject();
        writer.WriteString("dataset", run.Dataset);
        writer.WriteNumber("epochs", run.Epochs);
        writer.WriteNumber("hiddenUnits", run.HiddenUnits);
        writer.WriteNumber("mcSamples", run.McSamples);
        writer.WriteNumber("batchSize", run.BatchSize);
        writer.WriteNumber("seed", run.Seed);
        WriteReals(writer, "dropoutRates", run.DropoutRates);
        WriteReals(writer, "tauValues", run.TauValues);
        writer.WriteStartObject("shard");
        writer.WriteNumber("index", run.Shard.Index);
        writer.WriteNumber("count", run.Shard.Count);
        writer.WriteEndObject();
        writer.WriteReal("seconds", result.Seconds);
        writer.WriteStartArray("splits");
        foreach (UciSplitResult split in result.Splits)
        {
            writer.WriteStartObject();
            writer.WriteNumber("split", split.Split);
            writer.WriteReal("dropoutRate", split.DropoutRate);
            writer.WriteReal("tau", split.Tau);
            writer.WriteReal("rmse", split.Rmse);
            writer.WriteReal("mcRmse", split.McRmse);
            writer.WriteReal("logLikelihood", split.LogLikelihood);
            writer.WriteString("parameterHash", split.ParameterHash);
            writer.WriteStartArray("grid");
            foreach (UciGridPoint point in split.Grid)
            {
                writer.WriteStartObject();
                writer.WriteReal("dropoutRate", point.DropoutRate);
                writer.WriteReal("tau", point.Tau);
                writer.WriteReal("validationLogLikelihood", point.ValidationLogLikelihood);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteMean(writer, "rmse", result.Rmse);
        WriteMean(writer, "logLikelihood", result.LogLikelihood);
        WriteMean(writer, "mcRmse", result.McRmse);
        if (result.Published is { } published)
        {
            writer.WriteStartObject("published");
            WriteMean(writer, "mcRmse", published.McRmse);
            WriteMean(writer, "logLikelihood", published.LogLikelihood);
            writer.WriteBoolean("mcRmseWithin2Se", result.McRmse.Within(published.McRmse, 2));
            writer.WriteBoolean("logLikelihoodWithin2Se", result.LogLikelihood.Within(published.LogLikelihood, 2));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("published");
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a result written by <see cref="Write"/> from <paramref name="path"/> (without test predictions).</summary>
    /// <exception cref="DataFormatException">The file cannot be read or is not such a document; the message names it.</exception>
    public static UciResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"cannot be read: {ex.Message}", path, innerException: ex);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            JsonElement shard = Property(root, "shard");
            var run = new UciRunDescription(
                Property(root, "dataset").GetString() ?? throw new FormatException("\"dataset\" is null"),
                Property(root, "epochs").GetInt32(),
                Property(root, "hiddenUnits").GetInt32(),
                Property(root, "mcSamples").GetInt32(),
                Property(root, "batchSize").GetInt32(),
                Property(root, "seed").GetUInt64(),
                Reals(Property(root, "dropoutRates")),
                Reals(Property(root, "tauValues")),
                new UciShard(Property(shard, "index").GetInt32(), Property(shard, "count").GetInt32()));
            var splits = new List<UciSplitResult>();
            foreach (JsonElement split in Property(root, "splits").EnumerateArray())
            {
                UciGridPoint[] grid = [.. Property(split, "grid").EnumerateArray().Select(point => new UciGridPoint(Real(point, "dropoutRate"), Real(point, "tau"), Real(point, "validationLogLikelihood")))];
                splits.Add(new UciSplitResult(
                    Property(split, "split").GetInt32(),
                    Real(split, "dropoutRate"),
                    Real(split, "tau"),
                    Real(split, "rmse"),
                    Real(split, "mcRmse"),
                    Real(split, "logLikelihood"),
                    grid,
                    Property(split, "parameterHash").GetString() ?? throw new FormatException("\"parameterHash\" is null")));
            }

            return new UciResult(run, splits, Real(root, "seconds"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new DataFormatException($"is not the JSON of 'dropout-lab uci': {ex.Message.TrimEnd('.')}.", path, innerException: ex);
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new FormatException($"\"{name}\" is missing");

    // A non-finite value was written as null (see JsonNumbers).
    private static double Real(JsonElement element, string name)
    {
        JsonElement value = Property(element, name);
        return value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();
    }

    private static double[] Reals(JsonElement array) =>
        [.. array.EnumerateArray().Select(value => value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble())];

    private static void WriteReals(Utf8JsonWriter writer, string name, IReadOnlyList<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            writer.WriteRealValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteMean(Utf8JsonWriter writer, string name, MeanWithError value)
    {
        writer.WriteStartObject(name);
        writer.WriteReal("mean", value.Mean);
        writer.WriteReal("standardError", value.StandardError);
        writer.WriteEndObject();
    }
}
