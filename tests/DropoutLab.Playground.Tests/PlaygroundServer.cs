using System.Diagnostics;
using Microsoft.Playwright;

namespace DropoutLab.Playground.Tests;

/// <summary>
/// The built tool serving the playground (<c>dotnet dropout-lab.dll playground --no-open --port 0</c>) as a child
/// process, and a headless Chromium, shared by every test of <see cref="PlaygroundCollection"/>. The browser is
/// launched only when <see cref="BrowserFactAttribute"/> lets browser tests run.
/// </summary>
public sealed class PlaygroundServer : IAsyncLifetime
{
    /// <summary>The system's Chromium, driven by Playwright (the tests never download a browser).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly List<string> _output = [];
    private Process? _tool;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The repository's root folder (the one holding DropoutLab.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The CLI's build output folder for this test build's configuration (it holds dropout-lab.dll and playground/).</summary>
    public static string ToolFolder { get; } = Path.Combine(RepoRoot, "src", "DropoutLab.Cli", "bin", BuildConfiguration(), "net10.0");

    /// <summary>The served folder.</summary>
    public static string SiteFolder => Path.Combine(ToolFolder, "playground");

    /// <summary>The address the tool printed, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The browser; only browser tests (<see cref="BrowserFactAttribute"/>) use it.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException($"no browser: {BrowserFactAttribute.SkipReason}");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        string dll = Path.Combine(ToolFolder, "dropout-lab.dll");
        if (!File.Exists(dll) || !File.Exists(Path.Combine(SiteFolder, "index.html")))
        {
            throw new InvalidOperationException($"build the solution first: {dll} or its playground/ folder is missing");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[dll, "playground", "--no-open", "--port", "0"])
        {
            start.ArgumentList.Add(arg);
        }

        _tool = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _tool.OutputDataReceived += (_, e) => Heard(e.Data, url);
        _tool.ErrorDataReceived += (_, e) => Heard(e.Data, url);
        _tool.BeginOutputReadLine();
        _tool.BeginErrorReadLine();
        _tool.EnableRaisingEvents = true;
        _tool.Exited += (_, _) => url.TrySetException(new InvalidOperationException($"the tool exited: {Output()}"));
        Url = await url.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);

        if (BrowserFactAttribute.SkipReason is null)
        {
            _playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            }).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a new page at the playground's address with <paramref name="query"/> (e.g. "?epochs=3"; empty for none).</summary>
    public async Task<IPage> OpenAsync(string query = "")
    {
        // The page is laid out for one screen of 1280×800.
        IPage page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } }).ConfigureAwait(false);
        await page.GotoAsync(new Uri(Url, query).ToString()).ConfigureAwait(false);
        return page;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> to artifacts/playground/NAME.png under the repository root.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        string folder = Path.Combine(RepoRoot, "artifacts", "playground");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }).ConfigureAwait(false);
        return path;
    }

    /// <summary>What the tool wrote so far, for failure messages.</summary>
    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync().ConfigureAwait(false);
        }

        _playwright?.Dispose();
        if (_tool is not null)
        {
            if (!_tool.HasExited)
            {
                _tool.Kill(entireProcessTree: true);
                await _tool.WaitForExitAsync().ConfigureAwait(false);
            }

            _tool.Dispose();
        }
    }

    private void Heard(string? line, TaskCompletionSource<Uri> url)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        const string prefix = "Playground: ";
        if (line.StartsWith(prefix, StringComparison.Ordinal))
        {
            url.TrySetResult(new Uri(line[prefix.Length..].Trim()));
        }
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DropoutLab.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no DropoutLab.slnx above {AppContext.BaseDirectory}");
    }

    // The tests' own output folder is bin/CONFIGURATION/net10.0/; the tool is built in the same configuration.
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
}

/// <summary>The tests that share one <see cref="PlaygroundServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "playground";
}
