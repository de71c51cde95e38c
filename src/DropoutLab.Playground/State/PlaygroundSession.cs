using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DropoutLab.Data;
using DropoutLab.Experiments;
using DropoutLab.Numerics;
using DropoutLab.Settings;

namespace DropoutLab.Playground.State;

/// <summary>
/// What the page is training: the data, one or two <see cref="LiveRun"/>s (compare mode trains both rules on the
/// same initialization and masks), and the clock of the run. Training advances in slices between frames.
/// </summary>
public sealed class PlaygroundSession
{
    /// <summary>Grid points per axis of the decision-boundary heat map.</summary>
    public const int GridSteps = 48;

    private readonly Stopwatch _wall = new();
    private long _wallIterations;

    /// <summary>Builds the data and the runs of <paramref name="settings"/>; <see cref="Error"/> says what was wrong, if anything.</summary>
    public PlaygroundSession(PlaygroundSettings settings, DroppedCsv? csv)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Csv = csv;
        try
        {
            Data = LoadData(settings, csv);
            if (Data.Train.FeatureCount != 2)
            {
                throw new DataFormatException($"has {Data.Train.FeatureCount} feature columns; the playground draws 2 (x1, x2).", Data.Train.Source);
            }

            Runs = [.. settings.Rules.Select(rule => new LiveRun(settings, rule, Data, csv?.Name))];
            Grid = BuildGrid(Data.Train);
        }
        catch (Exception error) when (error is DataFormatException or SettingException or ArgumentException)
        {
            Error = error.Message;
            Runs = [];
        }
    }

    /// <summary>The settings trained.</summary>
    public PlaygroundSettings Settings { get; }

    /// <summary>The user's CSV, when the data came from one.</summary>
    public DroppedCsv? Csv { get; }

    /// <summary>The data, unless it could not be built.</summary>
    public CourseData? Data { get; }

    /// <summary>Why nothing can train, or null.</summary>
    public string? Error { get; }

    /// <summary>The networks trained (none when <see cref="Error"/> is set).</summary>
    public IReadOnlyList<LiveRun> Runs { get; }

    /// <summary>The heat map's points, 2 × <see cref="GridSteps"/>², x₁ fastest, lowest x₂ first.</summary>
    public Matrix<double>? Grid { get; }

    /// <summary>The grid's x₁ and x₂ ranges.</summary>
    public (double Low1, double High1, double Low2, double High2) Bounds { get; private set; }

    /// <summary>Iterations run so far (the slowest run's, in compare mode).</summary>
    public int Iteration => Runs.Count == 0 ? 0 : Runs.Min(run => run.Run.Iteration);

    /// <summary>Whether every run has finished.</summary>
    public bool IsDone => Runs.Count > 0 && Runs.All(run => run.Run.IsDone);

    /// <summary>
    /// Iterations per second of wall-clock time while playing, frames and drawing included, summed over the runs
    /// (compare mode counts both networks' iterations); 0 before any.
    /// </summary>
    public double Throughput => _wall.Elapsed.TotalSeconds > 0 ? _wallIterations / _wall.Elapsed.TotalSeconds : 0;

    /// <summary>Iterations per second inside the library's training steps alone.</summary>
    public double TrainingThroughput
    {
        get
        {
            double seconds = Runs.Sum(run => run.Run.TrainSeconds);
            return seconds > 0 ? Runs.Sum(run => run.Run.Iteration) / seconds : 0;
        }
    }

    /// <summary>Starts or resumes the wall clock.</summary>
    public void Resume() => _wall.Start();

    /// <summary>Stops the wall clock.</summary>
    public void Pause() => _wall.Stop();

    /// <summary>
    /// Advances every run by up to <paramref name="iterations"/> iterations, or, when it is 0, in chunks until
    /// <paramref name="budgetMilliseconds"/> have passed; runs stay within one chunk of each other.
    /// </summary>
    public void Advance(int iterations, double budgetMilliseconds)
    {
        long start = Stopwatch.GetTimestamp();
        int chunk = iterations > 0 ? iterations : 25;
        do
        {
            foreach (LiveRun run in Runs)
            {
                _wallIterations += run.Run.Step(chunk);
            }
        }
        while (iterations == 0 && !IsDone && Stopwatch.GetElapsedTime(start).TotalMilliseconds < budgetMilliseconds);

        if (IsDone)
        {
            _wall.Stop();
        }
    }

    /// <summary>The course's printout of the finished runs: under each rule's title in compare mode, as <c>reproduce</c> prints it.</summary>
    public string Table()
    {
        if (!IsDone)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (LiveRun run in Runs)
        {
            if (Runs.Count > 1)
            {
                text.Append(run.Title).Append('\n').Append("-------------\n");
            }

            text.Append(CourseReport.Text(run.Run.Result(), Settings.PrintEvery));
        }

        return text.ToString();
    }

    /// <summary>The <c>course --json</c> document of the finished run, or <c>{"runs": [...]}</c> of both in compare mode.</summary>
    public string Json()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            if (Runs.Count == 1)
            {
                CourseReport.WriteJson(writer, Runs[0].Run.Result(), Data);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteStartArray("runs");
                foreach (LiveRun run in Runs)
                {
                    CourseReport.WriteJson(writer, run.Run.Result(), Data);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static CourseData LoadData(PlaygroundSettings settings, DroppedCsv? csv)
    {
        if (settings.Dataset == "csv")
        {
            return csv is null
                ? throw new ArgumentException("No CSV yet: drop a file (header, x1, x2, 0/1 label) onto the page.")
                : CourseData.FromCsv(new StringReader(csv.Text), csv.Name);
        }

        return settings.Dataset == "football"
            ? CourseData.Football()
            : SyntheticShapeNames.TryParse(settings.Dataset, out SyntheticShape shape)
                ? CourseData.Synthetic(shape, settings.DataSeed)
                : throw new ArgumentException($"Unknown dataset {settings.Dataset}.");
    }

    // The data's range widened by 10% on each side, as the course's plot does.
    private Matrix<double> BuildGrid(Dataset train)
    {
        (double low1, double high1) = Range(train.Features.Row(0));
        (double low2, double high2) = Range(train.Features.Row(1));
        Bounds = (low1, high1, low2, high2);
        var grid = new Matrix<double>(2, GridSteps * GridSteps);
        for (int r = 0; r < GridSteps; r++)
        {
            for (int c = 0; c < GridSteps; c++)
            {
                grid[0, (r * GridSteps) + c] = low1 + ((high1 - low1) * (c + 0.5) / GridSteps);
                grid[1, (r * GridSteps) + c] = low2 + ((high2 - low2) * (r + 0.5) / GridSteps);
            }
        }

        return grid;
    }

    private static (double Low, double High) Range(ReadOnlySpan<double> values)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double value in values)
        {
            low = Math.Min(low, value);
            high = Math.Max(high, value);
        }

        double margin = Math.Max(0.1 * (high - low), 1e-3);
        return (low - margin, high + margin);
    }
}
