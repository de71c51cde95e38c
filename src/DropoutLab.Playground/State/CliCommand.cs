using DropoutLab.Layers;

namespace DropoutLab.Playground.State;

/// <summary>The <c>dropout-lab course</c> command line that trains, on the CLI, exactly what the page trains.</summary>
public static class CliCommand
{
    /// <summary>
    /// The command for the run with <paramref name="scaling"/>; <paramref name="csvName"/> names the dropped file
    /// when the data came from one. It prints the lines of the page's table for that run.
    /// </summary>
    public static string For(PlaygroundSettings settings, DropoutScaling scaling, string? csvName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var words = new List<string> { "dropout-lab", "course" };
        if (settings.Dataset == "csv")
        {
            words.AddRange(["--csv", Quote(csvName ?? "data.csv")]);
        }
        else if (settings.Dataset != "football")
        {
            words.AddRange(["--dataset", settings.Dataset, "--data-seed", settings.DataSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (!settings.Hidden.SequenceEqual([20, 3]))
        {
            words.AddRange(["--hidden", string.Join(',', settings.Hidden)]);
        }

        IReadOnlyList<double> keepProbs = settings.KeepProbs;
        if (keepProbs.All(keepProb => keepProb == keepProbs[0]))
        {
            words.AddRange(["--keep-prob", PlaygroundSettings.Text(keepProbs[0])]);
        }
        else
        {
            words.AddRange(["--keep-probs", string.Join(',', keepProbs.Select(PlaygroundSettings.Text))]);
        }

        words.AddRange(["--scaling", scaling.ToName(), "--masks", settings.Masks == Experiments.MaskPolicy.Fixed ? "fixed" : "fresh"]);
        if (settings.Dropout != Training.DropoutVariant.Bernoulli)
        {
            words.AddRange(["--dropout", PlaygroundSettings.Name(settings.Dropout)]);
        }

        if (settings.Activation != Training.HiddenActivation.Relu)
        {
            words.AddRange(["--activation", PlaygroundSettings.Name(settings.Activation)]);
        }

        if (settings.BatchNorm != Training.BatchNormPlacement.None)
        {
            words.AddRange(["--batchnorm", PlaygroundSettings.Name(settings.BatchNorm)]);
        }

        if (settings.Lambd > 0)
        {
            words.AddRange(["--lambd", PlaygroundSettings.Text(settings.Lambd)]);
        }

        words.AddRange(["--iterations", settings.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        words.AddRange(["--learning-rate", PlaygroundSettings.Text(settings.LearningRate)]);
        if (settings.InitSeed != 3)
        {
            words.AddRange(["--init-seed", settings.InitSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (settings.MaskSeed != 1)
        {
            words.AddRange(["--mask-seed", settings.MaskSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        words.AddRange(["--print-every", settings.PrintEvery.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return string.Join(' ', words);
    }

    // A POSIX shell word: unchanged when safe, else in single quotes with ' written as '\''.
    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
