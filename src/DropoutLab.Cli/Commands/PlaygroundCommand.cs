using System.CommandLine;
using System.Diagnostics;
using DropoutLab.Cli.Output;
using DropoutLab.Cli.Playground;

namespace DropoutLab.Cli.Commands;

/// <summary>
/// <c>dropout-lab playground</c>: serves the browser playground that ships with the tool (the folder
/// <c>playground/</c> next to dropout-lab.dll) on 127.0.0.1, prints its address and opens a browser, until Ctrl+C.
/// </summary>
public static class PlaygroundCommand
{
    /// <summary>The port used when --port is not given.</summary>
    public const int DefaultPort = 5151;

    /// <summary>The published playground that the tool's build puts next to dropout-lab.dll.</summary>
    public static string SiteFolder => Path.Combine(AppContext.BaseDirectory, "playground");

    /// <summary>Builds the command.</summary>
    public static Command Create(CliOutput io) => Create(io, SiteFolder);

    /// <summary>Builds the command serving <paramref name="siteFolder"/> (tests point it elsewhere).</summary>
    internal static Command Create(CliOutput io, string siteFolder)
    {
        ArgumentNullException.ThrowIfNull(io);
        Option<int> port = CliOptions.Between(
            "--port", 0, 65535, DefaultPort, "Port on 127.0.0.1 to serve on; 0 picks a free port", "0: a free port");
        var noOpen = new Option<bool>("--no-open") { Description = "Only print the address; do not open a browser" };
        var command = new Command("playground", "Serve the browser playground on 127.0.0.1 and open it in a browser; Ctrl+C stops the server.")
        {
            port, noOpen,
        };
        command.SetAction(parsed => Serve(io, siteFolder, parsed.GetValue(port), !parsed.GetValue(noOpen)));
        return command;
    }

    // Serves until SIGINT or SIGTERM, which is the only way it stops: it then exits 130 or 143 with one line.
    private static int Serve(CliOutput io, string siteFolder, int port, bool open)
    {
        if (!File.Exists(Path.Combine(siteFolder, "index.html")))
        {
            throw new IOException($"the playground is missing from this installation (no {Path.Combine(siteFolder, "index.html")}); rebuild or reinstall dropout-lab.");
        }

        CancellationToken stop = io.Interruption.Honour();
        using StaticSiteServer server = StaticSiteServer.Start(siteFolder, port);
        io.Out.WriteLine($"Playground: {server.Url}");
        io.Out.WriteLine("Serving on 127.0.0.1 only; press Ctrl+C to stop.");
        io.Out.Flush();
        if (open)
        {
            OpenBrowser(server.Url, io.Error);
        }

        server.RunAsync(stop).GetAwaiter().GetResult();
        throw new InterruptedRunException("interrupted; the playground server stopped", io.Interruption.ExitCode);
    }

    // $BROWSER (the Debian convention) or xdg-open. An opener that fails at once (xdg-open exits 3 when it finds no
    // browser) moves on to the next; one still running after a moment has handed the page to a browser. When none
    // opens it, the address printed above is enough: a note, not an error.
    private static void OpenBrowser(Uri url, TextWriter error)
    {
        string? browser = Environment.GetEnvironmentVariable("BROWSER");
        string[] candidates = string.IsNullOrWhiteSpace(browser) ? ["xdg-open"] : [browser, "xdg-open"];
        foreach (string candidate in candidates)
        {
            try
            {
                var start = new ProcessStartInfo(candidate)
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                start.ArgumentList.Add(url.ToString());
                using Process? process = Process.Start(start);
                if (process is null)
                {
                    continue;
                }

                // Drain the opener's chatter so it never blocks on a full pipe, and never shows through ours.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(3)) || process.ExitCode == 0)
                {
                    return;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed: try the next one.
            }
        }

        error.WriteLine($"dropout-lab: note: could not open a browser (set $BROWSER, or install xdg-open and a browser); open {url} yourself.");
    }
}
