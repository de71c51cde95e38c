using System.Diagnostics;
using Microsoft.Playwright;

namespace DropoutLab.Playground.Tests;

/// <summary>
/// The page's contract end to end in headless Chromium: runs to "done", the table, the CLI command, compare mode,
/// the keep-prob slider, dropped CSVs (good and bad) and URL errors. Screenshots go to artifacts/playground/.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundRunTests(PlaygroundServer server)
{
    private const float LongRun = 240_000;

    [BrowserFact]
    public async Task TheSeedPresetPrintsReproducesTable()
    {
        IPage page = await server.OpenAsync("?preset=seed-table&autorun=1");
        try
        {
            await WaitForDoneAsync(page, LongRun);
            string table = await page.GetByTestId("table").InnerTextAsync();
            string reproduce = await RunToolAsync("reproduce");

            // reproduce prints the table, a blank line, then its reading of it.
            string expected = reproduce[..reproduce.IndexOf("\n\nReading the result", StringComparison.Ordinal)] + "\n";
            Assert.Equal(expected, Normalize(table));
            Assert.Contains("Cost after iteration 20000: 0.060582435798513114", table, StringComparison.Ordinal);
            double throughput = double.Parse(await page.GetByTestId("throughput").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(throughput > 0, $"throughput {throughput}");

            // Recorded for the README, not asserted: these machines are shared and noisy.
            string steps = await page.GetByTestId("training-throughput").InnerTextAsync();
            string ready = await page.GetByTestId("load-ms").InnerTextAsync();
            Directory.CreateDirectory(Path.Combine(PlaygroundServer.RepoRoot, "artifacts", "playground"));
            await File.AppendAllTextAsync(
                Path.Combine(PlaygroundServer.RepoRoot, "artifacts", "playground", "measurements.txt"),
                FormattableString.Invariant($"{DateTime.UtcNow:O} seed-table: {throughput} it/s wall-clock (both networks, drawing included), {steps} it/s in the steps, ready {ready} ms after navigation\n"));
            Assert.Equal(2, await page.Locator("[data-testid=cost-curve]").CountAsync());

            // One screen at 1280×800: nothing to scroll.
            int[] extent = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            Assert.True(extent[0] <= 1280 && extent[1] <= 800, $"the page is {extent[0]}×{extent[1]}");
            await PlaygroundServer.ScreenshotAsync(page, "seed-table");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task TheCliCommandPrintsThePagesTable()
    {
        IPage page = await server.OpenAsync("?dataset=moons&dataSeed=4&hidden=8,6,4&keepProbs=0.7,0.9,1&masks=fresh&iterations=400&lambd=0.01&seed=5&maskSeed=9&autorun=1");
        try
        {
            await WaitForDoneAsync(page, 60_000);
            string command = (await page.GetByTestId("cli-command").InnerTextAsync()).Trim();
            Assert.StartsWith("dropout-lab course ", command, StringComparison.Ordinal);
            Assert.Contains("--dataset moons --data-seed 4 --hidden 8,6,4 --keep-probs 0.7,0.9,1", command, StringComparison.Ordinal);
            string cli = await RunToolAsync([.. command.Split(' ').Skip(1)]);
            Assert.Equal(cli, Normalize(await page.GetByTestId("table").InnerTextAsync()));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task ChoosingGaussianDropoutTrainsWhatItsCliCommandPrints()
    {
        IPage page = await server.OpenAsync("?masks=fresh&iterations=400&keepProb=0.8");
        try
        {
            await page.GetByTestId("dropout").SelectOptionAsync("gaussian");
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=cli-command]').textContent.includes('--dropout gaussian')");
            Assert.True(await page.GetByTestId("scaling").IsDisabledAsync());
            await page.GetByTestId("play").ClickAsync();
            await WaitForDoneAsync(page, 60_000);
            string command = (await page.GetByTestId("cli-command").InnerTextAsync()).Trim();
            Assert.Contains("--keep-prob 0.8 --scaling inverted --masks fresh --dropout gaussian --iterations 400", command, StringComparison.Ordinal);
            string cli = await RunToolAsync([.. command.Split(' ').Skip(1)]);
            Assert.Equal(cli, Normalize(await page.GetByTestId("table").InnerTextAsync()));
            Assert.Equal(2, await page.Locator("[data-testid=mean-ratio]").CountAsync());

            // The selector keeps the page on one 1280×800 screen.
            int[] extent = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            Assert.True(extent[0] <= 1280 && extent[1] <= 800, $"the page is {extent[0]}×{extent[1]}");
            await PlaygroundServer.ScreenshotAsync(page, "gaussian");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task ChoosingDropConnectWithBatchNormAfterDropoutTrainsWhatItsCliCommandPrints()
    {
        IPage page = await server.OpenAsync("?masks=fresh&iterations=400&keepProb=0.8");
        try
        {
            await page.GetByTestId("dropout").SelectOptionAsync("dropconnect");
            await page.GetByTestId("batchnorm").SelectOptionAsync("after-dropout");
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=cli-command]').textContent.includes('--batchnorm after-dropout')");
            Assert.True(await page.GetByTestId("scaling").IsDisabledAsync());
            await page.GetByTestId("play").ClickAsync();
            await WaitForDoneAsync(page, 60_000);
            string command = (await page.GetByTestId("cli-command").InnerTextAsync()).Trim();
            Assert.Contains("--keep-prob 0.8 --scaling inverted --masks fresh --dropout dropconnect --batchnorm after-dropout --iterations 400", command, StringComparison.Ordinal);
            string cli = await RunToolAsync([.. command.Split(' ').Skip(1)]);
            Assert.Equal(cli, Normalize(await page.GetByTestId("table").InnerTextAsync()));
            string shift = await page.GetByTestId("variance-shift").TextContentAsync() ?? string.Empty;
            Assert.StartsWith("BN input variance, dropout on/off: ×", shift, StringComparison.Ordinal);
            Assert.Equal(2, shift.Count(c => c == '×'));

            // The selector and the shift row keep the page on one 1280×800 screen.
            int[] extent = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            Assert.True(extent[0] <= 1280 && extent[1] <= 800, $"the page is {extent[0]}×{extent[1]}");
            await PlaygroundServer.ScreenshotAsync(page, "dropconnect-batchnorm");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task MovingTheKeepProbSliderChangesTheRun()
    {
        IPage page = await server.OpenAsync("?iterations=300&autorun=1");
        try
        {
            await WaitForDoneAsync(page, 60_000);
            string before = await page.GetByTestId("table").InnerTextAsync();
            string ratioBefore = await RatioAsync(page);
            await page.GetByTestId("scaling").SelectOptionAsync("none");
            await SlideAsync(page, "keep-prob", "0.5");
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=cli-command]').textContent.includes('--keep-prob 0.5 --scaling none')");
            await page.GetByTestId("play").ClickAsync();
            await WaitForDoneAsync(page, 60_000);
            string after = await page.GetByTestId("table").InnerTextAsync();
            Assert.NotEqual(before, after);

            // Without scaling the first hidden layer's next layer sees 1/keepProb = 2 times its training input.
            string ratio = await RatioAsync(page);
            Assert.NotEqual(ratioBefore, ratio);
            double value = double.Parse(ratio.TrimStart('×'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(value, 1.8, 2.2);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task CompareModeDrawsBothRunsAndScoresThem()
    {
        IPage page = await server.OpenAsync("?compare=1&versus=none&keepProb=0.6&iterations=600&autorun=1");
        try
        {
            await WaitForDoneAsync(page, 60_000);
            ILocator curves = page.Locator("[data-testid=cost-curve]");
            Assert.Equal(2, await curves.CountAsync());
            for (int c = 0; c < 2; c++)
            {
                string points = (await curves.Nth(c).GetAttributeAsync("points"))!;
                Assert.Equal(6, points.Trim().Split(' ').Length);
            }

            foreach (string rule in (string[])["inverted", "none"])
            {
                Assert.True(await page.GetByTestId($"boundary-{rule}").IsVisibleAsync());
                double accuracy = double.Parse(await page.GetByTestId($"test-accuracy-{rule}").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(accuracy, 0.5, 1.0);
                Assert.NotEmpty(await page.GetByTestId($"test-logloss-{rule}").InnerTextAsync());
            }

            string table = await page.GetByTestId("table").InnerTextAsync();
            Assert.Contains("With scaling:", table, StringComparison.Ordinal);
            Assert.Contains("Without scaling:", table, StringComparison.Ordinal);
            Assert.Equal(2, (await page.GetByTestId("cli-command").InnerTextAsync()).Trim().Split('\n').Length);
            await PlaygroundServer.ScreenshotAsync(page, "compare");

            // The download is the course --json document of both runs.
            IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-json").ClickAsync());
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
            System.Text.Json.JsonElement[] runs = [.. json.RootElement.GetProperty("runs").EnumerateArray()];
            Assert.Equal(["inverted", "none"], runs.Select(run => run.GetProperty("scaling").GetString()));
            Assert.All(runs, run => Assert.Equal(0.6, run.GetProperty("keepProb").GetDouble()));
            Assert.All(runs, run => Assert.Equal(600, run.GetProperty("iterations").GetInt32()));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task TrainingCanBePausedWhileItRunsAndResumed()
    {
        IPage page = await server.OpenAsync("?iterations=1000000&autorun=1");
        try
        {
            await WaitForStatusAsync(page, "running", 30_000);
            await page.WaitForFunctionAsync("() => +document.querySelector('[data-testid=iteration]').textContent > 100");
            await page.GetByTestId("pause").ClickAsync(new() { Timeout = 5_000 });
            await WaitForStatusAsync(page, "paused", 5_000);
            string paused = await page.GetByTestId("iteration").InnerTextAsync();
            await page.WaitForTimeoutAsync(500);
            Assert.Equal(paused, await page.GetByTestId("iteration").InnerTextAsync());
            await page.GetByTestId("step").ClickAsync();
            await page.WaitForFunctionAsync("n => +document.querySelector('[data-testid=iteration]').textContent === n + 1", int.Parse(paused, System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByTestId("play").ClickAsync();
            await WaitForStatusAsync(page, "running", 5_000);
            await page.GetByTestId("reset").ClickAsync(new() { Timeout = 5_000 });
            await WaitForStatusAsync(page, "idle", 5_000);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task MonteCarloShadingAndTheNetworkDiagramShowTheMasks()
    {
        IPage page = await server.OpenAsync("?dataset=spiral&masks=fresh&keepProb=0.5&mc=1&mcPasses=10&iterations=200&autorun=1");
        try
        {
            await WaitForDoneAsync(page, 60_000);
            Assert.Contains("σ over 10 passes", await page.GetByTestId("boundary-inverted").InnerTextAsync(), StringComparison.Ordinal);
            int dropped = await page.Locator("[data-testid=network] circle[data-kept='0']").CountAsync();
            Assert.InRange(dropped, 1, 22);
            await PlaygroundServer.ScreenshotAsync(page, "monte-carlo");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task ADroppedCsvTrains()
    {
        IPage page = await server.OpenAsync("?iterations=300");
        try
        {
            await WaitForStatusAsync(page, "idle", 30_000);
            var rows = new List<string> { "x1,x2,label" };
            for (int i = 0; i < 80; i++)
            {
                double x1 = ((i * 37) % 80 / 40.0) - 1, x2 = ((i * 53) % 80 / 40.0) - 1;
                rows.Add(FormattableString.Invariant($"{x1},{x2},{(x1 + x2 > 0 ? 1 : 0)}"));
            }

            await DropAsync(page, "diagonal.csv", string.Join('\n', rows) + "\n");
            await WaitForDoneAsync(page, 60_000);
            Assert.Contains("--csv diagonal.csv", await page.GetByTestId("cli-command").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("On the test set:", await page.GetByTestId("table").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.GetByTestId("error").CountAsync());
            await PlaygroundServer.ScreenshotAsync(page, "csv");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task AMalformedCsvShowsAnErrorAndNothingBreaks()
    {
        IPage page = await server.OpenAsync("?iterations=200");
        try
        {
            await WaitForStatusAsync(page, "idle", 30_000);
            await DropAsync(page, "broken.csv", "x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n");
            ILocator error = page.GetByTestId("error");
            await error.WaitForAsync(new() { Timeout = 20_000 });
            string message = await error.InnerTextAsync();
            Assert.Contains("broken.csv", message, StringComparison.Ordinal);
            Assert.Contains("3", message, StringComparison.Ordinal);
            Assert.Equal("error", (await page.GetByTestId("status").InnerTextAsync()).Trim());
            await PlaygroundServer.ScreenshotAsync(page, "csv-error");

            // Back to the course's data: the page trains again.
            await page.GetByTestId("dataset").SelectOptionAsync("football");
            await WaitForStatusAsync(page, "idle", 20_000);
            await page.GetByTestId("play").ClickAsync();
            await WaitForDoneAsync(page, 60_000);
            Assert.Contains("On the train set:", await page.GetByTestId("table").InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task ABadUrlParameterIsNamedAndTheRestApply()
    {
        IPage page = await server.OpenAsync("?keepProb=1.5&depth=4&scaling=sideways");
        try
        {
            await WaitForStatusAsync(page, "idle", 30_000);
            string error = await page.GetByTestId("error").InnerTextAsync();
            Assert.Contains("keepProb=1.5", error, StringComparison.Ordinal);
            Assert.Contains("scaling=sideways", error, StringComparison.Ordinal);
            Assert.Contains("--hidden 20,3,3,3", await page.GetByTestId("cli-command").InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    // The first hidden layer's inference/training ratio (an SVG text, so its text content).
    private static async Task<string> RatioAsync(IPage page) => (await page.GetByTestId("mean-ratio").First.TextContentAsync() ?? string.Empty).Trim();

    // Moves a range input as a user's drag does: a new value, then an input event.
    private static Task SlideAsync(IPage page, string testId, string value) =>
        page.EvaluateAsync(
            "([id, value]) => { const slider = document.querySelector(`[data-testid=${id}]`); slider.value = value; slider.dispatchEvent(new Event('input', { bubbles: true })); }",
            new object[] { testId, value });

    // A drop of one file on the page, as the browser delivers it (DataTransfer with a File).
    private static Task DropAsync(IPage page, string name, string text) =>
        page.EvaluateAsync(
            "([name, text]) => { const data = new DataTransfer(); data.items.add(new File([text], name, { type: 'text/csv' })); document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })); }",
            new object[] { name, text });

    private static Task WaitForDoneAsync(IPage page, float timeout) => WaitForStatusAsync(page, "done", timeout);

    private static async Task WaitForStatusAsync(IPage page, string status, float timeout) =>
        await page.WaitForFunctionAsync(
            "status => document.querySelector('[data-testid=status]')?.textContent.trim() === status",
            status,
            new PageWaitForFunctionOptions { Timeout = timeout, PollingInterval = 200 });

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    // Runs the built tool and returns its standard output (it must succeed).
    private static async Task<string> RunToolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(PlaygroundServer.ToolFolder, "dropout-lab.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process tool = Process.Start(start)!;
        Task<string> output = tool.StandardOutput.ReadToEndAsync();
        Task<string> error = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync();
        Assert.True(tool.ExitCode == 0, $"dropout-lab {string.Join(' ', arguments)} exited {tool.ExitCode}: {await error}");
        return Normalize(await output);
    }
}
