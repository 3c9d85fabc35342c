// The Reports page in a real browser: open real gzipped TLS-RPT reports from tests/data/tlsrpt/,
// see the figures the test works out itself by reading the fixtures, open a report, see a finding
// with its JSON path, drop files, see the limits enforced and a large file read with progress
// and checked in the page's worker (or, without the worker, on the page), and see that no
// request leaves the page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { openApp } from './harness.mjs';

const dataDir = fileURLToPath(new URL('../data/tlsrpt/', import.meta.url));
const GOOGLE = 'parsedmarc__google.com_2024-09-03.json.gz';
const RPT01 = 'mail-auth__rpt01_attachment.json.gz';
const FILES_LABEL = 'Report files (pick them, or drop them here)';

let app;
let page;

before(async () => {
  app = await openApp();
  page = app.page;
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Read TLS-RPT reports' }).waitFor();
});

after(async () => {
  await app?.close();
});

/** The report in a gzipped fixture, read here with Node's own zlib and JSON. */
function fixture(name) {
  return JSON.parse(gunzipSync(readFileSync(dataDir + name)).toString('utf8'));
}

/** Successful and failed sessions, and failed sessions by result type, of some reports. */
function figures(reports) {
  const sums = { successful: 0, failed: 0, byResultType: {} };
  for (const report of reports) {
    for (const policy of report.policies) {
      sums.successful += policy.summary['total-successful-session-count'];
      sums.failed += policy.summary['total-failure-session-count'];
      for (const detail of policy['failure-details'] ?? []) {
        const type = detail['result-type'];
        sums.byResultType[type] = (sums.byResultType[type] ?? 0) + detail['failed-session-count'];
      }
    }
  }
  return sums;
}

/** The number of the latest reading shown, 0 before any. */
async function lastRun() {
  const result = page.locator('.result');
  return (await result.count()) === 0 ? 0 : Number(await result.getAttribute('data-run'));
}

/** Waits until the reading after `run` is shown. */
async function shown(run, timeout = 10_000) {
  await page.locator(`.result[data-run="${run + 1}"]`).waitFor({ timeout });
}

/** Gives `files` through the file input and waits until they are read. */
async function open(files) {
  const run = await lastRun();
  await page.getByLabel(FILES_LABEL).setInputFiles(files);
  await shown(run);
}

/** A fixture as a file to give, so that it can be given with generated files. */
function asFile(name) {
  return { name, mimeType: 'application/octet-stream', buffer: readFileSync(dataDir + name) };
}

async function total(name) {
  return Number(await page.locator(`[data-total="${name}"]`).innerText());
}

/** The rows of a chart as [label, ...numbers]. */
async function chart(id) {
  return page.locator(`#${id} tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [
      row.querySelector('th').innerText,
      ...[...row.querySelectorAll('td.number')].map((cell) => Number(cell.innerText)),
    ]),
  );
}

test('the page is in the navigation, says its limits, and has a labelled file input', async () => {
  assert.equal(new URL(page.url()).hash, '#/reports');
  assert.equal(await page.title(), 'Reports · mta-sts-check');
  const link = page.getByRole('link', { name: 'Reports' });
  assert.equal(await link.getAttribute('aria-current'), 'page');
  const hint = await page.locator('#report-files-hint').innerText();
  assert.match(hint, /Up to 100 files at once, 16\.0 MiB each and 256\.0 MiB in all/);
  assert.equal(await page.getByLabel(FILES_LABEL).getAttribute('type'), 'file');
});

test('a real gzipped Google report shows the sessions read from the fixture', async () => {
  const expected = figures([fixture(GOOGLE)]);
  assert.deepEqual([expected.successful, expected.failed], [48, 0]);
  await open(dataDir + GOOGLE);
  assert.equal(await total('files'), 1);
  assert.equal(await total('reports'), 1);
  assert.equal(await total('successful'), expected.successful);
  assert.equal(await total('failed'), expected.failed);
  assert.equal(await page.locator('.sessions').getAttribute('data-status'), 'ok');
  assert.match(await page.locator('.sessions').innerText(), /No failures reported: 0 of 48/);
  assert.deepEqual(await chart('chart-days'), [['2024-09-03', 48, 0]]);
  const files = await page.locator('.files').innerText();
  assert.match(files, /google\.com_2024-09-03\.json\.gz: gzip, reports: 1/);
  assert.equal(await page.locator('.verdict').getAttribute('data-verdict'), 'pass');
  assert.equal(await page.locator('.finding').count(), 0);
});

test('two reports add up, chart their failures, and open to their details', async () => {
  const reports = [fixture(GOOGLE), fixture(RPT01)];
  const expected = figures(reports);
  await open([dataDir + GOOGLE, dataDir + RPT01]);
  assert.equal(await total('reports'), 2);
  assert.equal(await total('successful'), expected.successful);
  assert.equal(await total('failed'), expected.failed);
  // The page rounds the share down to a tenth of a per cent.
  const tenths = Math.floor((expected.failed * 1000) / (expected.successful + expected.failed));
  const share = `${Math.floor(tenths / 10)}.${tenths % 10}`;
  assert.match(
    await page.locator('.sessions').innerText(),
    new RegExp(`Failures reported: ${expected.failed} of ${expected.successful + expected.failed}` +
      ` sessions failed \\(${share.replace('.', '\\.')} %\\)`),
  );
  assert.deepEqual(await chart('chart-days'), [
    ['2016-04-01', 5326, 303],
    ['2024-09-03', 48, 0],
  ]);
  const byType = Object.entries(expected.byResultType).sort((a, b) => b[1] - a[1]);
  assert.deepEqual(await chart('chart-result-types'), byType);
  const byMx = await chart('chart-mx-hosts');
  assert.deepEqual(byMx[0], ['mx2.mail.company-y.example', 200]);

  const report = page.locator(`details.report[data-report-id="${reports[1]['report-id']}"]`);
  assert.equal(await report.locator('.failures').isVisible(), false);
  await report.locator('summary').click();
  const table = report.locator('table.failures');
  await table.waitFor();
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, reports[1].policies[0]['failure-details'].length);
  assert.match(rows[2], /validation-failure\s+3\s+mx-backup\.mail\.company-y\.example/);
  assert.match(rows[2], /X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED/);
  assert.match(await report.locator('.policy-string').innerText(), /mode: testing/);
  assert.match(await report.locator('.reading').innerText(), /2016-04-01T00:00:00Z/);
});

test('a finding shows its rule, severity, file and JSON path, help and RFC link', async () => {
  const finding = page.locator('.finding[data-rule="TLSRPT-REPORT-015"]');
  assert.equal(await finding.count(), 1);
  assert.equal(await finding.getAttribute('data-severity'), 'warning');
  assert.equal(
    await finding.locator('.place').innerText(),
    `${RPT01}, at policies[0].failure-details[1].additional-information`,
  );
  assert.match(await finding.locator('.help').innerText(), /^How to fix: \S/);
  assert.equal(
    await finding.locator('.rfc a').getAttribute('href'),
    'https://www.rfc-editor.org/rfc/rfc8460#section-4.4',
  );
  assert.equal(await page.locator('.verdict').getAttribute('data-verdict'), 'warn');
});

test('a report with more failure details than drawn shows 1,000, counts the rest', async () => {
  const template = fixture(RPT01);
  const entries = 1500;
  const details = Array.from({ length: entries }, (_, index) => ({
    'result-type': 'certificate-expired',
    'sending-mta-ip': `198.51.100.${index % 250}`,
    'receiving-mx-hostname': `mx${index}.example.com`,
    'failed-session-count': 1,
  }));
  const report = {
    ...template,
    'report-id': 'many-details',
    policies: [
      {
        ...template.policies[0],
        summary: { 'total-successful-session-count': 0, 'total-failure-session-count': entries },
        'failure-details': details,
      },
    ],
  };
  const buffer = Buffer.from(JSON.stringify(report));
  await open({ name: 'many.json', mimeType: 'application/json', buffer });
  assert.equal(await total('failed'), entries);
  const opened = page.locator('details.report[data-report-id="many-details"]');
  await opened.locator('summary').click();
  const rows = await opened.locator('table.failures tbody tr').allInnerTexts();
  assert.equal(rows.length, 1000 + 1);
  assert.match(rows[999], /mx999\.example\.com/);
  assert.equal(rows[1000].trim(), 'and 500 more, counted but not shown');
});

test('a file that cannot be read is named in its finding', async () => {
  await open([
    { name: 'empty.json', mimeType: 'application/json', buffer: Buffer.alloc(0) },
    asFile(GOOGLE),
  ]);
  const finding = page.locator('.result li', { hasText: 'TLSRPT-REPORT-020' });
  assert.match(await finding.innerText(), /empty\.json/);
  assert.match(await finding.innerText(), /the input is empty/);
  assert.equal(await total('reports'), 1);
});

test('dropped files are read, and a report given twice is counted once', async () => {
  const bytes = [...readFileSync(dataDir + GOOGLE)];
  const run = await lastRun();
  await page.evaluate(
    ({ bytes, name }) => {
      const data = new DataTransfer();
      for (const copy of ['a-', 'b-']) {
        data.items.add(new File([new Uint8Array(bytes)], copy + name));
      }
      const zone = document.querySelector('.drop');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
    },
    { bytes, name: GOOGLE },
  );
  await shown(run);
  assert.equal(await total('files'), 2);
  assert.equal(await total('reports'), 1);
  assert.equal(await total('duplicates'), 1);
  assert.equal(await total('successful'), 48);
  const duplicate = page.locator('.finding[data-rule="TLSRPT-REPORT-021"]');
  assert.equal(await duplicate.getAttribute('data-severity'), 'info');
  assert.match(await duplicate.locator('.place').innerText(), /^b-parsedmarc/);
});

test('a file over the limit is refused in words, and the others are still read', async () => {
  await open([
    { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(17 * 1024 * 1024, 32) },
    asFile(GOOGLE),
  ]);
  assert.match(
    await page.locator('.result [role="alert"]').innerText(),
    /Not read: huge\.json: 17\.0 MiB is more than the 16\.0 MiB a file may have/,
  );
  assert.equal(await total('files'), 1);
  assert.equal(await total('successful'), 48);
});

test('a large file is read in slices, checked off the page, and counted', async (t) => {
  const count = 12000;
  const template = fixture(RPT01);
  const reports = Array.from({ length: count }, (_, index) => ({
    ...template,
    'report-id': `large-${index}`,
  }));
  const buffer = Buffer.from(JSON.stringify(reports));
  assert.ok(buffer.length > 8 * 1024 * 1024, `${buffer.length} bytes`);
  // Records what the status line says each time it changes, with how many timer turns the event
  // loop had taken by then: turns between slices mean the page kept running while reading, and
  // turns while the reports are checked mean the worker, not the page, is checking them.
  await page.evaluate(() => {
    window.seen = [];
    window.turns = 0;
    window.ticker = setInterval(() => (window.turns += 1), 0);
    const status = document.querySelector('.reading-status');
    window.watch = new MutationObserver(() => {
      const bar = status.querySelector('progress');
      const at = performance.now();
      if (bar) {
        window.seen.push({ text: status.innerText, value: bar.value, turns: window.turns, at });
      } else {
        window.seen.push({ text: '', done: true, turns: window.turns, at });
      }
    });
    window.watch.observe(status, { subtree: true, childList: true, characterData: true });
  });
  const run = await lastRun();
  await page.getByLabel(FILES_LABEL).setInputFiles({
    name: 'large.json',
    mimeType: 'application/json',
    buffer,
  });
  await shown(run, 60_000);
  const seen = await page.evaluate(() => {
    clearInterval(window.ticker);
    window.watch.disconnect();
    return window.seen;
  });
  const reading = seen.filter((step) => step.text.startsWith('Reading file 1 of 1'));
  // One step per MiB slice at least, and the bar moved forward through them.
  assert.ok(reading.length >= Math.floor(buffer.length / (1024 * 1024)), JSON.stringify(seen));
  const values = reading.map((step) => step.value);
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  assert.ok(new Set(reading.map((step) => step.turns)).size > 1, JSON.stringify(seen));
  const checking = seen.find((step) => step.text.startsWith('Checking the reports of file 1'));
  assert.ok(checking, JSON.stringify(seen));
  const done = seen.find((step) => step.done);
  // Reading 12,000 reports takes the core hundreds of milliseconds: with the page free, its
  // timer keeps turning all the while (read on the page itself, it turned once or not at all).
  const turns = done.turns - checking.turns;
  const mib = (buffer.length / 1024 / 1024).toFixed(1);
  const took = Math.round(done.at - checking.at);
  t.diagnostic(`${mib} MiB of JSON checked and drawn in ${took} ms, ${turns} timer turns`);
  assert.ok(turns >= 20, `${turns} timer turns while checking: ${JSON.stringify(seen)}`);
  assert.ok(app.requests.some((url) => new URL(url).pathname === '/worker.js'), 'no worker');
  assert.equal(await total('reports'), count);
  assert.equal(await total('successful'), 5326 * count);
  assert.equal(await total('failed'), 303 * count);
  assert.equal(await page.locator('details.report').count(), 100);
  assert.match(await page.locator('.result').innerText(), /11900 more reports are counted/);
});

test('without its worker the page reads the files itself, with the same figures', async () => {
  const alone = await openApp();
  try {
    const refused = [];
    await alone.page.route('**/worker.js', (route) => {
      refused.push(route.request().url());
      return route.abort();
    });
    await alone.page.getByRole('link', { name: 'Reports' }).click();
    await alone.page.getByLabel(FILES_LABEL).setInputFiles([asFile(GOOGLE), asFile(RPT01)]);
    await alone.page.locator('.result[data-run="1"]').waitFor();
    assert.equal(refused.length, 1, 'the worker script was asked for once');
    const expected = figures([fixture(GOOGLE), fixture(RPT01)]);
    const shownTotal = async (name) =>
      Number(await alone.page.locator(`[data-total="${name}"]`).innerText());
    assert.equal(await shownTotal('reports'), 2);
    assert.equal(await shownTotal('successful'), expected.successful);
    assert.equal(await shownTotal('failed'), expected.failed);
  } finally {
    await alone.close();
  }
});

test('no request left the page but the app itself', async () => {
  for (const url of app.requests) {
    assert.ok(url.startsWith(app.origin + '/'), `request outside the test server: ${url}`);
    const path = new URL(url).pathname;
    assert.match(path, /^\/$|\.(wasm|js|css)$/, `not one of the app's assets: ${url}`);
  }
  assert.deepEqual(app.policyViolations, []);
});
