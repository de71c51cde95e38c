using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using DropoutLab.Cli;
using DropoutLab.Cli.Commands;

namespace DropoutLab.Tests;

/// <summary>`dropout-lab playground` refusals: a bad --port, a port in use, a missing playground folder.</summary>
public class PlaygroundCliTests
{
    // The playground command alone, serving `siteFolder` instead of the folder next to dropout-lab.dll.
    private static CliRun Run(string siteFolder, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(["playground", .. args], output, error, io =>
        {
            var root = new RootCommand();
            root.Subcommands.Add(PlaygroundCommand.Create(io, siteFolder));
            return root;
        });
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static string OneLine(CliRun run, int exitCode)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        return lines[0];
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("80.5")]
    public void ABadPortIsAUsageErrorNamingPort(string port)
    {
        using var site = new TempFolder();
        site.File("index.html", "<html></html>");
        string line = OneLine(Run(site.Path, "--no-open", "--port", port), ExitCodes.UsageError);
        Assert.StartsWith("dropout-lab: error: --port", line, StringComparison.Ordinal);
        Assert.Contains(port, line, StringComparison.Ordinal);
    }

    [Fact]
    public void APortInUseExits1NamingThePortAndSuggestingPort()
    {
        using var site = new TempFolder();
        site.File("index.html", "<html></html>");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string line = OneLine(Run(site.Path, "--no-open", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ExitCodes.DataError);
        Assert.StartsWith("dropout-lab: error: ", line, StringComparison.Ordinal);
        Assert.Contains($"port {port}", line, StringComparison.Ordinal);
        Assert.Contains("--port", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPlaygroundFolderExits1SayingSo()
    {
        using var parent = new TempFolder();
        string line = OneLine(Run(Path.Combine(parent.Path, "playground"), "--no-open", "--port", "0"), ExitCodes.DataError);
        Assert.StartsWith("dropout-lab: error: the playground is missing", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultPortIs5151()
    {
        Assert.Equal(5151, PlaygroundCommand.DefaultPort);
        Assert.Contains("5151", CliRunner.Run("playground", "--help").Output, StringComparison.Ordinal);
    }
}
