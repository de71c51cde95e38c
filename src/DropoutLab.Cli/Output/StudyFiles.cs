using System.Globalization;
using System.Text;
using DropoutLab.Cli.Plots;
using DropoutLab.Data;
using DropoutLab.Layers;
using DropoutLab.Study;

namespace DropoutLab.Cli.Output;

/// <summary>The files of <c>study --out DIR</c>: study.csv, study.json, two figures per keep-prob (PNG and SVG), study.md.</summary>
public static class StudyFiles
{
    /// <summary>The file names written for <paramref name="result"/>, in writing order.</summary>
    public static IReadOnlyList<string> Names(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Names(result.Settings.KeepProbs);
    }

    /// <summary>The file names written for a study of <paramref name="keepProbs"/>, in writing order.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<double> keepProbs)
    {
        ArgumentNullException.ThrowIfNull(keepProbs);
        var names = new List<string> { "study.csv", "study.json" };
        foreach (string stem in keepProbs.SelectMany(PlotStems))
        {
            names.Add(stem + ".png");
            names.Add(stem + ".svg");
        }

        names.Add("study.md");
        return names;
    }

    /// <summary>"logloss-vs-depth-keepK" and "activation-ratio-keepK".</summary>
    public static IEnumerable<string> PlotStems(double keepProb) =>
        [$"logloss-vs-depth-{StudyPlots.KeepSuffix(keepProb)}", $"activation-ratio-{StudyPlots.KeepSuffix(keepProb)}"];

    /// <summary>Writes every file to <paramref name="folder"/> (created if missing), each through a temporary file.</summary>
    public static void Write(string folder, StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--out: cannot create folder '{folder}': {ex.Message}", ex);
        }

        AtomicFile.WriteText(Path.Combine(folder, "study.csv"), Csv(result));
        AtomicFile.WriteText(Path.Combine(folder, "study.json"), JsonText.Build(writer => StudyJson.Write(writer, result)) + "\n");
        foreach (double keepProb in result.Settings.KeepProbs)
        {
            string[] stems = [.. PlotStems(keepProb)];
            PlotWriter.SavePngAndSvg(StudyPlots.LogLossByDepth(result, keepProb), folder, stems[0], StudyPlots.Width, StudyPlots.Height);
            PlotWriter.SavePngAndSvg(StudyPlots.ActivationRatioByLayer(result, keepProb), folder, stems[1], StudyPlots.Width, StudyPlots.Height);
        }

        AtomicFile.WriteText(Path.Combine(folder, "study.md"), StudyAnswer.Markdown(result));
    }

    /// <summary>
    /// One line per row: depth, keepProb, scaling, evalRule, seeds, mean and std of each metric, then
    /// ratioLayer1 … ratioLayerD for the deepest D (empty beyond the row's depth).
    /// </summary>
    public static string Csv(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int maxDepth = result.Settings.Depths.Max();
        var text = new StringBuilder();
        text.Append("depth,keepProb,scaling,evalRule,seeds,testAccuracyMean,testAccuracyStd,testLogLossMean,testLogLossStd,eceMean,eceStd,meanAbsLogitMean,meanAbsLogitStd");
        for (int l = 1; l <= maxDepth; l++)
        {
            text.Append(CultureInfo.InvariantCulture, $",ratioLayer{l}");
        }

        text.Append('\n');
        foreach (StudyRow row in result.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Depth},{R(row.KeepProb)},{row.Scaling.ToName()},{row.EvalRule.ToName()},{row.Seeds}");
            foreach (MeanStd value in new[] { row.TestAccuracy, row.TestLogLoss, row.Ece, row.MeanAbsLogit })
            {
                text.Append(CultureInfo.InvariantCulture, $",{R(value.Mean)},{R(value.Std)}");
            }

            for (int l = 0; l < maxDepth; l++)
            {
                text.Append(',');
                if (l < row.ActivationRatio.Count && double.IsFinite(row.ActivationRatio[l]))
                {
                    text.Append(R(row.ActivationRatio[l]));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string R(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
