using System.Collections.Concurrent;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Settings;

namespace DropoutLab.Study;

/// <summary>
/// Runs the depth × keepProb × scaling sweep. Runs go to up to <c>threads</c> workers, heaviest first; each result is
/// stored at its key's index and the rows are aggregated in key order, so the output is the same for any thread count.
/// </summary>
public static class DepthStudy
{
    /// <summary>Every run's key, in order: depth, keepProb, training rule, seed index (each in the settings' order).</summary>
    public static IReadOnlyList<StudyRunKey> Keys(StudySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var keys = new List<StudyRunKey>();
        foreach (int depth in settings.Depths)
        {
            foreach (double keepProb in settings.KeepProbs)
            {
                foreach (DropoutScaling scaling in settings.Scalings)
                {
                    for (int seed = 0; seed < settings.Seeds; seed++)
                    {
                        keys.Add(new StudyRunKey(depth, keepProb, scaling, seed));
                    }
                }
            }
        }

        return keys;
    }

    /// <summary>Throws <see cref="SettingException"/> naming the first bad setting, or the thread count when it is below 1.</summary>
    public static void Validate(StudySettings settings, int threads)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        SettingCheck.AtLeast(threads, 1, SettingNames.Threads);
    }

    /// <summary>Runs the study.</summary>
    /// <param name="settings">The sweep.</param>
    /// <param name="data">Training and test sets.</param>
    /// <param name="threads">Maximum parallel runs, ≥ 1.</param>
    /// <param name="runFinished">Called (from any worker thread) after each run; may be null.</param>
    /// <exception cref="DataFormatException">The training labels are all equal.</exception>
    /// <param name="cancellation">Checked before every gradient step of every run.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; no result is returned.</exception>
    public static StudyResult Run(StudySettings settings, StudyData data, int threads, Action<StudyRunResult>? runFinished = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Validate(settings, threads);
        ClassLabels.RequireTwoClasses(data.TrainLabels.ToArray(), data.TrainSource);

        IReadOnlyList<StudyRunKey> keys = Keys(settings);
        var results = new StudyRunResult[keys.Count];

        // Deepest first, so a long run does not start last and leave the other workers idle.
        int[] order = [.. Enumerable.Range(0, keys.Count).OrderByDescending(i => keys[i].Depth).ThenBy(i => i)];
        var options = new ParallelOptions { MaxDegreeOfParallelism = OperatingSystem.IsBrowser() ? 1 : threads, CancellationToken = cancellation };
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), options, index =>
        {
            StudyRunResult result = StudyRun.Execute(keys[index], settings, data, cancellation);
            results[index] = result;
            runFinished?.Invoke(result);
        });

        return new StudyResult(settings, data.TrainSource, data.TestSource, results, Aggregate(settings, results));
    }

    /// <summary>Aggregates runs (in <see cref="Keys"/> order) into rows over seeds.</summary>
    public static IReadOnlyList<StudyRow> Aggregate(StudySettings settings, IReadOnlyList<StudyRunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runs);
        var rows = new List<StudyRow>();
        int seeds = settings.Seeds;
        for (int start = 0; start < runs.Count; start += seeds)
        {
            StudyRunKey key = runs[start].Key;
            IReadOnlyList<InferenceRule> rules = StudyRun.RulesFor(key.Scaling);
            for (int r = 0; r < rules.Count; r++)
            {
                StudyEvaluation[] group = [.. Enumerable.Range(start, seeds).Select(i => runs[i].Evaluations[r])];
                rows.Add(new StudyRow(
                    key.Depth,
                    key.KeepProb,
                    key.Scaling,
                    rules[r],
                    seeds,
                    MeanStd.Of([.. group.Select(e => e.TestAccuracy)]),
                    MeanStd.Of([.. group.Select(e => e.TestLogLoss)]),
                    MeanStd.Of([.. group.Select(e => e.Ece)]),
                    MeanStd.Of([.. group.Select(e => e.MeanAbsLogit)]),
                    [.. Enumerable.Range(0, key.Depth).Select(l => MeanIgnoringNaN(group.Select(e => e.ActivationRatios[l])))]));
            }
        }

        return rows;
    }

    // (1/k)·Σ over the k finite values; NaN when there are none.
    private static double MeanIgnoringNaN(IEnumerable<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (double value in values)
        {
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
