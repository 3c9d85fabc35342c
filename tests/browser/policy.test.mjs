// The Policy page in a real browser: paste a policy or TXT records, see the verdict and the
// findings the core gives, see them change as you type, and see that no request leaves the page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';

let app;
let page;

before(async () => {
  app = await openApp();
  page = app.page;
});

after(async () => {
  await app?.close();
});

/** The rule ids and severities of the findings shown, in order. */
async function findings() {
  return page.locator('.finding').evaluateAll((items) =>
    items.map((item) => `${item.dataset.rule} ${item.dataset.severity}`),
  );
}

async function verdict() {
  return page.locator('.verdict').getAttribute('data-verdict');
}

test('the proxy serves the app under a strict CSP that lets it run', async () => {
  const csp = app.response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(app.response.headers()['x-content-type-options'], 'nosniff');
  await page.getByLabel('Text to check').fill('version: STSv1\nmode: none\nmax_age: 86400\n');
  await page.locator('.verdict').waitFor();
  assert.deepEqual(app.policyViolations, []);
});

test('a policy with problems shows each finding with its severity', async () => {
  await page.getByLabel('Text to check').fill(
    'version: STSv1\nmode: enforce\nmx: mail.example.com.\nmax_age: 3600\n',
  );
  assert.equal(await verdict(), 'fail');
  const shown = await findings();
  assert.ok(shown.includes('STS-POLICY-012 error'), shown.join('\n'));
  assert.ok(shown.includes('STS-POLICY-007 warning'), shown.join('\n'));
  assert.match(await page.locator('.verdict').innerText(), /Fail: 2 errors, 1 warning/);
  const marked = await page.locator('.highlighted mark.mark-error').allInnerTexts();
  assert.deepEqual(marked, ['.']);
  const quoted = page.locator('.finding[data-rule="STS-POLICY-012"] .message code');
  assert.equal(await quoted.first().innerText(), 'mx: mail.example.com.');
  const link = page.locator('.finding[data-rule="STS-POLICY-012"] .rfc a');
  assert.equal(
    await link.getAttribute('href'),
    'https://www.rfc-editor.org/rfc/rfc8461#section-3.2',
  );
});

test('typing a fix updates the findings', async () => {
  await page.getByLabel('Text to check').fill(
    'version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n',
  );
  assert.equal(await verdict(), 'pass');
  const shown = await findings();
  assert.ok(!shown.some((finding) => finding.startsWith('STS-POLICY-012')), shown.join('\n'));
  assert.match(await page.locator('.reading').innerText(), /mail\.example\.com/);

  await page.getByLabel('Text to check').press('End');
  await page.getByLabel('Text to check').pressSequentially('mode: testing\n');
  assert.ok((await findings()).includes('STS-POLICY-016 warning'));
});

test('TXT records are recognised and judged', async () => {
  await page.getByLabel('Text to check').fill('v=STSv1; id=2024-01-01');
  assert.equal(await verdict(), 'fail');
  assert.ok((await findings()).includes('STS-TXT-006 error'));

  await page.getByLabel('Text to check').fill('"v=TLSRPTv1; rua=mailto:tls" "rpt@example.com"');
  assert.equal(await verdict(), 'pass');
  assert.ok((await findings()).includes('TLSRPT-TXT-004 info'));
  assert.match(await page.locator('.reading').innerText(), /mailto:tlsrpt@example\.com/);

  await page.getByLabel('The text is').selectOption('policy');
  assert.equal(await verdict(), 'fail');
  assert.ok((await findings()).includes('STS-POLICY-004 error'));
  await page.getByLabel('The text is').selectOption('auto');
});

test('what a text box cannot keep is said, and hidden characters are shown', async () => {
  await page.getByLabel('Text to check').fill(
    'version: STSv1\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 604800\r\nnote: x\u202ey\n',
  );
  assert.equal(await verdict(), 'pass');
  assert.ok(!(await findings()).some((f) => f.startsWith('STS-POLICY-001')));
  assert.match(await page.locator('.note').innerText(), /line endings/);
  assert.match(await page.locator('.highlighted').innerText(), /⟨U\+202E⟩/);
});

test('an internationalised mx line is answered with its A-label form', async () => {
  // The app's core has no Unicode tables: these A-labels come from the browser's URL parser,
  // and must be the ones the `idna` crate gives in the command line.
  await page.getByLabel('Text to check').fill(
    'version: STSv1\nmode: enforce\nmx: mail.Bücher.example\nmx: *.faß.example\n' +
      'mx: mail.bücher.1\nmx: a\u200db.example\nmax_age: 604800\n',
  );
  assert.equal(await verdict(), 'fail');
  const helps = await page.locator('.finding[data-rule="STS-POLICY-013"] .help').allInnerTexts();
  assert.deepEqual(helps, [
    'How to fix: Write mx: mail.xn--bcher-kva.example.',
    'How to fix: Write mx: *.xn--fa-hia.example.',
    'How to fix: Write mx: mail.xn--bcher-kva.1.',
    // UTS #46 refuses a joiner between two Latin letters: no A-label form to offer.
    'How to fix: Write internationalised labels in their xn-- (punycode) form.',
  ]);
});

test('a line that is no TXT record is named, not taken for a missing record', async () => {
  await page.getByLabel('Text to check').fill('"v=STSv1; id=1');
  assert.equal(await verdict(), 'fail');
  const shown = await findings();
  assert.deepEqual(shown, ['STS-INPUT-003 error']);

  await page.getByLabel('Text to check').fill('v=STSv1; id=1\n"v=STSv1; id=2');
  assert.equal(await verdict(), 'fail');
  assert.ok((await findings()).includes('STS-INPUT-003 error'));
  assert.match(await page.locator('.verdict').innerText(), /1 error/);
});

test('nothing pasted leaves the page', async () => {
  const before = app.requests.length;
  await page
    .getByLabel('Text to check')
    .fill('version: STSv1\nmode: testing\nmx: secret.example\n');
  await page.waitForTimeout(300);
  assert.equal(app.requests.length, before, app.requests.slice(before).join('\n'));
  for (const url of app.requests) {
    assert.ok(url.startsWith(app.origin + '/'), `request outside the test server: ${url}`);
  }
});
