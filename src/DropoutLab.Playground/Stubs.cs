// TEMPORARY until the data branch merges.
#pragma warning disable
namespace DropoutLab.Data
{
    public enum SyntheticShape { Moons, Circles, Xor, Spiral }
    public static class SyntheticShapeNames
    {
        public static IReadOnlyList<string> Names { get; } = ["moons", "circles", "xor", "spiral"];
        public static bool TryParse(string name, out SyntheticShape shape) { shape = SyntheticShape.Moons; return false; }
    }
}
namespace DropoutLab.Experiments
{
    using System.Text.Json;
    using DropoutLab.Data;
    public sealed record CourseData(string Name, Dataset Train, Dataset Test)
    {
        public static CourseData Football() => new("football", FootballData.Train(), FootballData.Test());
        public static CourseData Synthetic(SyntheticShape shape, uint seed) => Football();
        public static CourseData FromCsv(TextReader reader, string fileName) { var d = CsvDataset.Read(reader, fileName, binaryLabels: true); return new(fileName, d, d); }
    }
    public static class CourseReport
    {
        public static string Text(CourseResult result, int printEvery)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var p in result.Costs) if (p.Iteration % printEvery == 0) sb.Append($"Cost after iteration {p.Iteration}: {p.Cost:R}\n");
            sb.Append($"On the train set:\nAccuracy: {result.TrainAccuracy:R}\nOn the test set:\nAccuracy: {result.TestAccuracy:R}\n");
            return sb.ToString();
        }
        public static void WriteJson(Utf8JsonWriter writer, CourseResult result, CourseData? data = null) { writer.WriteStartObject(); writer.WriteEndObject(); }
    }
}
