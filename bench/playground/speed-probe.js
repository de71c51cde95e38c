// Drives a speed-probe page of the Blazor playground in headless Chromium and prints its table.
// The page (a temporary src/DropoutLab.Playground/App.razor) must have a button data-testid=go, a status
// element data-testid=status that reads "done" when finished, and a result element data-testid=table.
//
//   dotnet publish src/DropoutLab.Playground -c Release -o /tmp/pg
//   (cd /tmp/pg/wwwroot && python3 -m http.server 8124 --bind 127.0.0.1 &)
//   NODE_PATH=<dir with playwright-core>/node_modules node bench/playground/speed-probe.js http://127.0.0.1:8124/
//
// The click is dispatched from a timer so that a long synchronous run does not time out the click itself.
const { chromium } = require('playwright-core');

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  page.on('console', message => console.log('console:', message.text()));
  const start = Date.now();
  await page.goto(process.argv[2] || 'http://127.0.0.1:8124/');
  await page.waitForSelector('[data-testid=go]');
  console.log('boot ms', Date.now() - start);
  await page.evaluate(() => setTimeout(() => document.querySelector('[data-testid=go]').click(), 0));
  await page.waitForFunction(
    () => document.querySelector('[data-testid=status]').textContent === 'done', null, { timeout: 600000, polling: 1000 });
  console.log(await page.textContent('[data-testid=table]'));
  await browser.close();
})();
