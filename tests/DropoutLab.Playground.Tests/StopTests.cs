using System.Diagnostics;
using System.Globalization;

namespace DropoutLab.Playground.Tests;

/// <summary>SIGINT and SIGTERM stop the server cleanly: one line, exit 130 or 143 (Linux and macOS: they use kill).</summary>
public sealed class StopTests
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task ASignalStopsTheServerWithOneLine(string signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[Path.Combine(PlaygroundServer.ToolFolder, "dropout-lab.dll"), "playground", "--no-open", "--port", "0"])
        {
            start.ArgumentList.Add(arg);
        }

        using Process tool = Process.Start(start)!;
        try
        {
            string? first = await tool.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.StartsWith("Playground: http://127.0.0.1:", first, StringComparison.Ordinal);
            Assert.Contains("Ctrl+C", await tool.StandardOutput.ReadLineAsync(), StringComparison.Ordinal);
            using (Process kill = Process.Start("kill", [$"-{signal}", tool.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            string error = await tool.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await tool.WaitForExitAsync();
            Assert.Equal(exitCode, tool.ExitCode);
            Assert.Equal(["dropout-lab: interrupted; the playground server stopped"], error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            if (!tool.HasExited)
            {
                tool.Kill(entireProcessTree: true);
            }
        }
    }
}
