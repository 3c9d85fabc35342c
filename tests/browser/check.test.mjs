// The Check page in a real browser against a lab on loopback: DNS over HTTPS from zone data,
// HTTPS policy hosts and SMTP servers with STARTTLS and certificates from a test CA, reached
// through the real proxy serving the app. Every scenario of the lab is checked from its
// permalink; each test asserts the summary and the key findings on the page, saves a
// screenshot, and compares the page's JSON export with `mta-sts-check domain --json` run at
// the same instant (the same core must give the same findings).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openApp, startLab } from './harness.mjs';

const run = promisify(execFile);
const artifacts = fileURLToPath(new URL('../../target/browser-artifacts/', import.meta.url));
const cliBinary =
  process.env.CLI_BIN ?? fileURLToPath(new URL('../../target/debug/mta-sts-check', import.meta.url));

let lab;
let app;
let page;
let silent;
let silentUrl;
let rootsFile;
const deadProxy = 'http://127.0.0.1:9';

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  lab = await startLab();
  rootsFile = join(tmpdir(), `mta-sts-check-lab-root-${process.pid}.pem`);
  writeFileSync(rootsFile, lab.root_pem);

  // A resolver that takes every request and never answers.
  silent = createServer(() => {});
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${silent.address().port}/dns-query`;

  const dohOrigin = new URL(lab.doh).origin;
  app = await openApp({
    path: '/#/check',
    proxyArgs: [
      '--resolver', lab.dns,
      '--allow-private-targets',
      '--smtp-port', String(lab.smtp_port),
      '--https-port', String(lab.https_port),
      '--connect-origin', `${dohOrigin},${new URL(silentUrl).origin},${deadProxy}`,
      '--client-burst', '1000',
      '--client-per-minute', '100000',
      '--target-burst', '1000',
      '--target-per-minute', '100000',
    ],
  });
  page = app.page;

  // The lab's CA as an extra trusted root, saved in the settings as a user would.
  await page.getByText('Settings: resolver, proxy, extra roots').click();
  await page.getByLabel('Extra trusted roots (PEM), for private labs').fill(lab.root_pem);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved in this browser.').waitFor();
});

after(async () => {
  await app?.close();
  lab?.close();
  silent?.close();
});

/** Opens the permalink of `domain`'s check with `query` and waits for its result. */
async function check(domain, query = `?doh=${encodeURIComponent(lab.doh)}`, timeout = 30_000) {
  await page.goto(`${app.origin}/${query}#/check/${domain}`);
  const result = page.locator(`.result[data-domain="${domain}"]`);
  await result.waitFor({ timeout });
  return result;
}

/** The findings on the page as sorted "rule severity subject" lines. */
async function pageFindings() {
  const items = await page.locator('.result .finding').evaluateAll((nodes) =>
    nodes.map((node) => ({
      rule: node.dataset.rule,
      severity: node.dataset.severity,
      subject: node.querySelector('.place')?.textContent ?? '',
    })),
  );
  return items.map((f) => `${f.rule} ${f.severity} ${f.subject}`).sort();
}

/** The page's JSON export, downloaded as a user would. */
async function exported() {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

/** `mta-sts-check domain --json` on the same lab at the instant `at`. */
async function fromCommandLine(domain, at) {
  assert.ok(existsSync(cliBinary), `${cliBinary} is missing: cargo build -p mta-sts-check-cli`);
  const args = [
    'domain', '--json', '--at', at, '--resolver', lab.dns, '--roots', rootsFile,
    '--allow-private-targets', '--smtp-port', String(lab.smtp_port),
    '--https-port', String(lab.https_port), domain,
  ];
  const { stdout } = await run(cliBinary, args).catch((error) => error);
  return JSON.parse(stdout.trim());
}

const lines = (json) =>
  json.findings.map((f) => `${f.rule} ${f.severity} ${f.subject}`).sort();

test('the app is served with a policy that lets the lab resolver in', async () => {
  const csp = app.response.headers()['content-security-policy'];
  assert.match(csp, /connect-src 'self' https: http:\/\/127\.0\.0\.1:\d+/);
});

test('every lab scenario: summary, key findings, export equal to the command line', async (t) => {
  for (const scenario of lab.scenarios) {
    await t.test(scenario.domain, async () => {
      await check(scenario.domain);
      await page.screenshot({ path: join(artifacts, `check-${scenario.domain}.png`), fullPage: true });

      const summary = await page.locator('.result [data-summary]').getAttribute('data-summary');
      assert.equal(summary, scenario.summary, `${scenario.domain}: ${summary}`);
      const shown = await pageFindings();
      for (const rule of scenario.rules) {
        assert.ok(shown.some((line) => line.startsWith(`${rule} `)), `${rule} in ${shown}`);
      }
      // Every finding explains itself: a fix and an RFC link.
      const helps = await page.locator('.result .finding .help').count();
      assert.equal(helps, shown.length);

      const json = await exported();
      assert.equal(json.domain, scenario.domain);
      assert.equal(json.summary.code, scenario.summary);
      assert.deepEqual(lines(json), shown, 'the export holds what the page shows');
      assert.equal(json.facts.domain, scenario.domain);

      const cli = await fromCommandLine(scenario.domain, json.at);
      assert.equal(cli.at, json.at);
      assert.deepEqual(lines(cli), lines(json), `browser and command line on ${scenario.domain}`);
      assert.equal(cli.summary.code, json.summary.code);
    });
  }
  assert.deepEqual(app.policyViolations, []);
});

test('a signed answer shows the AD bit; a CNAME shows the alias', async () => {
  await check('signed.lab.example');
  const sts = page.locator('.result dl.dns[data-name="_mta-sts.signed.lab.example"]');
  assert.equal(await sts.locator('[data-ad]').getAttribute('data-ad'), 'true');
  await check('delegated.lab.example');
  const delegated = page.locator('.result dl.dns[data-name="_mta-sts.delegated.lab.example"]');
  assert.match(await delegated.innerText(), /_mta-sts\.provider\.example/);
  assert.equal(await delegated.locator('[data-ad]').getAttribute('data-ad'), 'false');
});

test('the page resolves the policy host itself and shows where the proxy connected', async () => {
  await check('enforce.lab.example');
  const shown = page.locator('[data-addresses="mta-sts.enforce.lab.example"]');
  assert.match(await shown.innerText(), /^127\.0\.1\.\d+$/);
  assert.match(await page.locator('.result').innerText(), /The proxy connected to\s+127\.0\.1\.\d+/);
});

test('hosts: coverage, STARTTLS, TLS version, certificate and DANE per address', async () => {
  await check('dane-mismatch.lab.example');
  const row = page.locator('table.hosts tbody tr').first();
  const text = await row.innerText();
  assert.match(text, /mx\.dane-mismatch\.lab\.example/);
  assert.match(text, /offered/);
  assert.match(text, /TLSv1\.[23]/);
  assert.match(text, /DOES NOT MATCH/);
  await check('uncovered.lab.example');
  assert.match(await page.locator('table.hosts tbody tr').first().innerText(), /\bNO\b/);
});

test('a broken policy comes with a corrected one built from the live MX hosts', async () => {
  await check('uncovered.lab.example');
  const policy = await page.locator('[data-suggested="policy"]').innerText();
  assert.match(policy, /^version: STSv1$/m);
  assert.match(policy, /^mx: mx\.uncovered\.lab\.example$/m);
  const record = await page.locator('[data-suggested="sts"]').innerText();
  assert.match(record, /^v=STSv1; id=\d{14}$/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: app.origin,
  });
  await page.getByRole('button', { name: 'Copy the MTA-STS record' }).click();
  await page.getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), record);
  await check('enforce.lab.example');
  assert.equal(await page.locator('[data-suggested]').count(), 0);
});

test('a resolver that does not answer: could not check, and why', async () => {
  await check('enforce.lab.example', `?doh=${encodeURIComponent(silentUrl)}`, 40_000);
  const summary = await page.locator('.result [data-summary]').getAttribute('data-summary');
  assert.equal(summary, 'could_not_check');
  assert.ok((await pageFindings()).some((line) => line.startsWith('STS-TXT-015 ')));
  assert.match(await page.locator('.progress').textContent(), /did not answer in time/);
  await page.screenshot({ path: join(artifacts, 'check-silent-resolver.png'), fullPage: true });
});

test('a proxy that cannot be reached: the hosts could not be tested, never judged', async () => {
  const query = `?doh=${encodeURIComponent(lab.doh)}&proxy=${encodeURIComponent(deadProxy)}`;
  await check('enforce.lab.example', query);
  assert.match(await page.locator('.link-settings').innerText(), /for this view only/);
  const summary = await page.locator('.result [data-summary]').getAttribute('data-summary');
  assert.equal(summary, 'could_not_check');
  const shown = await pageFindings();
  assert.ok(shown.some((line) => line.startsWith('STS-SMTP-010 ')), shown.join('\n'));
  assert.ok(!shown.some((line) => /^STS-(CERT|DANE)-|^STS-SMTP-00/.test(line)), shown.join('\n'));
  // Values from the link are never stored.
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.doesNotMatch(stored, /127\.0\.0\.1:9/);
  assert.doesNotMatch(stored, new RegExp(new URL(lab.doh).host.replace(/\./g, '\\.')));
});

test('input that is not a domain is refused with the reason; IDN becomes A-labels', async () => {
  await page.goto(`${app.origin}/?doh=${encodeURIComponent(lab.doh)}#/check`);
  await page.getByRole('textbox', { name: 'Domain' }).fill('not a domain');
  await page.getByRole('button', { name: 'Check' }).click();
  assert.match(await page.getByRole('alert').innerText(), /not a domain/);

  await page.goto(`${app.origin}/?doh=${encodeURIComponent(lab.doh)}#/check/bücher.lab.example`);
  await page.locator('.result[data-domain="xn--bcher-kva.lab.example"]').waitFor();
  assert.equal(
    await page.locator('.result [data-summary]').getAttribute('data-summary'),
    'not_deployed',
  );
});

test('a bad resolver URL in the link is refused, not used', async () => {
  await page.goto(`${app.origin}/?doh=${encodeURIComponent('http://dns.example/dns-query')}#/check/enforce.lab.example`);
  assert.match(await page.getByRole('alert').innerText(), /plain http:\/\/ is allowed only/);
  assert.ok(!app.requests.some((url) => new URL(url).hostname === 'dns.example'));
});

test('usable from the keyboard, on a phone-sized screen and in dark mode', async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${app.origin}/?doh=${encodeURIComponent(lab.doh)}#/check`);
  await page.getByRole('textbox', { name: 'Domain' }).focus();
  await page.keyboard.type('uncovered.lab.example');
  await page.keyboard.press('Enter');
  await page.locator('.result[data-domain="uncovered.lab.example"]').waitFor();
  assert.equal(new URL(page.url()).hash, '#/check/uncovered.lab.example', 'a permalink');

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than a phone screen`);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(13, 17, 23)', 'dark colours follow prefers-color-scheme');
  // The summary says it in words, not only in colour.
  assert.match(await page.locator('.result [data-summary]').innerText(), /broken/);
  await page.screenshot({ path: join(artifacts, 'check-phone-dark.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
});
