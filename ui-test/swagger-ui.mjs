// Opens Swagger UI from a running rnn-service in Debian's Chromium, expands the RNN cell forward operation,
// presses "Try it out" and "Execute" with its example (the exercise's test case), and checks that the page
// shows status 200 and the exercise's first values of a_next[4]. Saves a screenshot.
// usage: node ui-test/swagger-ui.mjs [BASE_URL] [SCREENSHOT]
import { chromium } from 'playwright-core';

const base = (process.argv[2] || 'http://localhost:8080').replace(/\/$/, '');
const screenshot = process.argv[3] || 'target/swagger-ui.png';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
  await page.goto(`${base}/swagger-ui.html`, { waitUntil: 'networkidle' });
  const operation = page.locator('#operations-RNN-rnnCellForward');
  await operation.locator('.opblock-summary').first().click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const live = operation.locator('.live-responses-table');
  await live.locator('tr.response .response-col_status').first().waitFor({ timeout: 30000 });
  const status = (await live.locator('tr.response .response-col_status').first().innerText()).trim();
  const body = await live.locator('.response-col_description pre').first().innerText();
  await operation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot, fullPage: false });
  const expected = ['0.5958454', '0.1814180'];
  const missing = expected.filter((v) => !body.includes(v));
  console.log(`Swagger UI, RNN cell forward, Try it out + Execute: status ${status}; ` +
              `a_next[4] begins ${expected.join(', ')}: ${missing.length === 0 ? 'shown' : 'missing ' + missing}`);
  console.log(`screenshot: ${screenshot}`);
  failed = status !== '200' || missing.length > 0;
} catch (error) {
  console.error(`Swagger UI check failed: ${error.message}`);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
