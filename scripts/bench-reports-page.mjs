// Reads one report file on the Reports page, with the page's worker and with its script
// blocked, and prints how long the page took and its longest pauses (see bench-reports-page.sh).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openApp } from '../tests/browser/harness.mjs';

const path = process.argv[2];
const file = { name: basename(path), mimeType: 'application/gzip', buffer: readFileSync(path) };

for (const worker of [true, false]) {
  const app = await openApp();
  try {
    const { page } = app;
    if (!worker) await page.route('**/worker.js', (route) => route.abort());
    await page.getByRole('link', { name: 'Reports' }).click();
    const start = await page.evaluate(() => {
      window.pauses = [];
      let last = performance.now();
      window.ticker = setInterval(() => {
        const now = performance.now();
        window.pauses.push(now - last);
        last = now;
      }, 0);
      return performance.now();
    });
    await page.getByLabel('Report files (pick them, or drop them here)').setInputFiles(file);
    await page.locator('.result[data-run="1"]').waitFor({ timeout: 300_000 });
    const { took, longest } = await page.evaluate((start) => {
      clearInterval(window.ticker);
      const longest = [...window.pauses].sort((a, b) => b - a).slice(0, 3).map(Math.round);
      return { took: Math.round(performance.now() - start), longest };
    }, start);
    const failed = await page.locator('[data-total="failed"]').innerText();
    const how = worker ? 'with the worker   ' : 'without the worker';
    console.log(`${how}: drawn after ${took} ms, longest pauses ${longest.join(', ')} ms` +
      ` (${failed} failed sessions)`);
  } finally {
    await app.close();
  }
}
