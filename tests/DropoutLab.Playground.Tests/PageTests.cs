using Microsoft.Playwright;

namespace DropoutLab.Playground.Tests;

/// <summary>The playground page in headless Chromium.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PageTests(PlaygroundServer server)
{
    [BrowserFact]
    public async Task ThePageBootsAndShowsItsStatus()
    {
        IPage page = await server.OpenAsync();
        try
        {
            ILocator status = page.GetByTestId("status");
            await status.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 20_000 });
            string text = (await status.InnerTextAsync()).Trim();
            Assert.Contains(text, (string[])["idle", "running", "done"]);
            string shot = await PlaygroundServer.ScreenshotAsync(page, "boot");
            Assert.True(new FileInfo(shot).Length > 0);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
