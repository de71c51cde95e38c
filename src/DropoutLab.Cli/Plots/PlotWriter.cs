using ScottPlot;

namespace DropoutLab.Cli.Plots;

/// <summary>Saves a ScottPlot figure as PNG or SVG (by extension) without ever leaving a partial file.</summary>
public static class PlotWriter
{
    /// <summary>Writes <paramref name="plot"/> to <paramref name="path"/> (.png or .svg) via a temporary file and a rename.</summary>
    /// <exception cref="UsageException">The extension is neither .png nor .svg, or the folder does not exist.</exception>
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new UsageException($"plot file '{path}' must end in .png or .svg.");
        }

        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"cannot write plot '{path}': folder '{folder}' does not exist.");
        }

        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp{extension}");
        try
        {
            if (extension == ".png")
            {
                plot.SavePng(temporary, width, height);
            }
            else
            {
                plot.SaveSvg(temporary, width, height);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new UsageException($"cannot write plot '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Writes the same figure as DIR/NAME.png and DIR/NAME.svg.</summary>
    public static void SavePngAndSvg(Plot plot, string folder, string name, int width, int height)
    {
        Save(plot, Path.Combine(folder, name + ".png"), width, height);
        Save(plot, Path.Combine(folder, name + ".svg"), width, height);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
