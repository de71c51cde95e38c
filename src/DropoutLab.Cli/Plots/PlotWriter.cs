using DropoutLab.Data;
using ScottPlot;
using SkiaSharp;

namespace DropoutLab.Cli.Plots;

/// <summary>Saves a ScottPlot figure as PNG or SVG (by extension) without ever leaving a partial file (see <see cref="AtomicFile"/> for what an existing path may be).</summary>
public static class PlotWriter
{
    /// <summary>Writes <paramref name="plot"/> to <paramref name="path"/> (.png or .svg) via a temporary file and a rename.</summary>
    /// <exception cref="UsageException">The extension is neither .png nor .svg, or the folder does not exist.</exception>
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Write(path, (temporary, png) =>
        {
            if (png)
            {
                plot.SavePng(temporary, width, height);
            }
            else
            {
                plot.SaveSvg(temporary, width, height);
            }
        });
    }

    /// <summary>Writes a figure of several plots to <paramref name="path"/> (.png or .svg), temporary file then rename.</summary>
    /// <exception cref="UsageException">The extension is neither .png nor .svg, or the folder does not exist.</exception>
    public static void Save(Multiplot multiplot, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(multiplot);
        Write(path, (temporary, png) =>
        {
            if (png)
            {
                multiplot.SavePng(temporary, width, height);
                return;
            }

            using FileStream stream = File.Create(temporary);
            using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            {
                multiplot.Render(canvas, new PixelRect(0, width, height, 0));
            }
        });
    }

    /// <summary>Writes the same figure as DIR/NAME.png and DIR/NAME.svg.</summary>
    public static void SavePngAndSvg(Plot plot, string folder, string name, int width, int height)
    {
        Save(plot, Path.Combine(folder, name + ".png"), width, height);
        Save(plot, Path.Combine(folder, name + ".svg"), width, height);
    }

    /// <summary>
    /// Throws <see cref="UsageException"/> naming <paramref name="flag"/> unless <paramref name="path"/> ends in .png
    /// or .svg and its folder exists, so a command can refuse before doing any work.
    /// </summary>
    public static void CheckPath(string path, string flag)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new UsageException($"{flag}: plot file '{path}' must end in .png or .svg.");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"{flag}: cannot write plot '{path}': folder '{folder}' does not exist.");
        }
    }

    private static void Write(string path, Action<string, bool> render)
    {
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

        try
        {
            AtomicFile.WriteFrom(full, extension, temporary => render(temporary, extension == ".png"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write plot '{path}': {ex.Message}", ex);
        }
    }
}
