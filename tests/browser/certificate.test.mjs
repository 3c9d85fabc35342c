// The Certificate page in a real browser: reach it from the navigation with the keyboard, paste
// real chains from CPython's test suite with a root of one's own, and see the verdict, the path,
// the certificates and the findings; see that the Policy page still works beside it, and that no
// request leaves the page once it has loaded.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp } from './harness.mjs';

const certs = new URL('../data/certs/', import.meta.url);
const pem = (name) => readFile(new URL(name, certs), 'utf8');
const AT = '2026-12-04T00:00:00Z';

let app;
let page;
let leaf;
let root;
let otherKeyRoot;
let loadedRequests;

before(async () => {
  [leaf, root, otherKeyRoot] = await Promise.all([
    pem('cpython__keycert3-localhost.cert.pem'),
    pem('cpython__pycacert@4b37ed8d.pem'),
    pem('cpython__pycacert@02e3b731__same-DN-other-key.pem'),
  ]);
  app = await openApp();
  page = app.page;
  loadedRequests = app.requests.length;
});

after(async () => {
  await app?.close();
});

/** The Certificate page's section, so that the hidden Policy page never matches. */
const certificatePage = () => page.locator('section[aria-labelledby="certificate-title"]');
const policyPage = () => page.locator('section[aria-labelledby="policy-title"]');
const navigation = (name) =>
  page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true });

/** The rule ids and severities of the findings shown on `section`, in order. */
async function findings(section) {
  return section.locator('.finding').evaluateAll((items) =>
    items.map((item) => `${item.dataset.rule} ${item.dataset.severity}`),
  );
}

async function verdict(section) {
  return section.locator('.verdict').getAttribute('data-verdict');
}

/** Fills the Certificate page's fields; the chain last, as a user would paste it. */
async function judge({ chain, host, roots = '', mozilla = false, at = AT, policy = '' }) {
  const section = certificatePage();
  await section.getByLabel('Host name').fill(host);
  await section.getByLabel('Judge at').fill(at);
  await section.getByLabel("Trust Mozilla's root set").setChecked(mozilla);
  await section.getByLabel('Extra trusted roots').fill(roots);
  await section.getByLabel('Policy (optional)').fill(policy);
  await section.getByLabel('Certificate chain (PEM)').fill(chain);
}

test('the navigation reaches the Certificate page from the keyboard', async () => {
  const current = (name) => navigation(name).getAttribute('aria-current');
  assert.equal(await current('Policy'), 'page');
  assert.equal(await current('Certificate'), null);

  let focused = '';
  for (let tab = 0; tab < 5 && focused !== 'Certificate'; tab += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }
  assert.equal(focused, 'Certificate', 'Tab reaches the Certificate link');
  await page.keyboard.press('Enter');

  await certificatePage().getByLabel('Certificate chain (PEM)').waitFor();
  assert.equal(new URL(page.url()).hash, '#/certificate');
  assert.equal(await current('Certificate'), 'page');
  assert.equal(await current('Policy'), null);
  assert.ok(await policyPage().isHidden(), 'the Policy page is hidden');
  assert.equal(await page.title(), 'Certificate · mta-sts-check');
});

test('a chain to a root you supplied passes, and says so', async () => {
  await judge({ chain: leaf, host: 'localhost', roots: root });
  const section = certificatePage();
  assert.equal(await verdict(section), 'pass');
  const shown = await findings(section);
  assert.ok(shown.includes('STS-CERT-028 info'), shown.join('\n'));

  const steps = section.locator('.chain-path .path-step');
  assert.equal(await steps.count(), 1);
  assert.match(await steps.first().innerText(), /server certificate[\s\S]*CN=localhost/);
  const anchor = section.locator('.chain-path .path-anchor');
  assert.equal(await anchor.getAttribute('data-anchor-source'), 'root you supplied');
  assert.match(await anchor.innerText(), /our-ca-server/);

  const card = section.locator('.cert').first();
  const text = await card.innerText();
  assert.match(text, /Certificate 1/);
  assert.match(text, /localhost/);
  assert.match(text, /2037-10-28T14:23:16Z \(\d+ days left\)/);
  assert.match(text, /RSA \d+ bits/);
  assert.match(text, /([0-9A-F]{2}:){31}[0-9A-F]{2}/i);
  assert.match(await section.locator('.reading').first().innerText(), /2026-12-04T00:00:00Z/);
});

test('a root with the same name but another key breaks the path', async () => {
  await judge({ chain: leaf, host: 'localhost', roots: otherKeyRoot });
  const section = certificatePage();
  assert.equal(await verdict(section), 'fail');
  const shown = await findings(section);
  assert.ok(shown.includes('STS-CERT-015 error'), shown.join('\n'));
  const place = section.locator('.finding[data-rule="STS-CERT-015"] .place');
  assert.equal(await place.innerText(), 'certificate 1');
  assert.match(await section.locator('.path-break').innerText(), /breaks after step 1/);
  assert.equal(await section.locator('.path-anchor').count(), 0);
});

test('a host the certificate does not name fails, and a policy shows its patterns', async () => {
  await judge({
    chain: leaf,
    host: 'mx.example.net',
    roots: root,
    policy: 'version: STSv1\nmode: enforce\nmx: *.example.net\nmax_age: 604800\n',
  });
  const section = certificatePage();
  assert.equal(await verdict(section), 'fail');
  const shown = await findings(section);
  assert.ok(shown.includes('STS-CERT-002 error'), shown.join('\n'));
  assert.ok(shown.includes('STS-CERT-027 info'), shown.join('\n'));
  const pattern = section.locator('.patterns li');
  assert.equal(await pattern.getAttribute('data-covers'), 'true');
  assert.match(await pattern.innerText(), /mx: \*\.example\.net covers mx\.example\.net/);
});

test('an internationalised host is compared in its A-label form', async () => {
  await judge({
    chain: leaf,
    host: 'Mail.Bücher.example',
    roots: root,
    policy: 'version: STSv1\nmode: enforce\nmx: *.xn--bcher-kva.example\nmax_age: 604800\n',
  });
  const section = certificatePage();
  const shown = await findings(section);
  assert.ok(shown.includes('STS-MX-011 info'), shown.join('\n'));
  assert.ok(shown.includes('STS-CERT-002 error'), shown.join('\n'));
  const pattern = section.locator('.patterns li');
  assert.equal(await pattern.getAttribute('data-covers'), 'true');
  const converted = section.locator('.finding[data-rule="STS-MX-011"] .message');
  assert.match(await converted.innerText(), /mail\.xn--bcher-kva\.example/);
});

test('text that holds no certificate is reported as unreadable', async () => {
  await judge({ chain: 'this is not a certificate\n', host: 'localhost', mozilla: true });
  const section = certificatePage();
  assert.equal(await verdict(section), 'fail');
  assert.ok((await findings(section)).includes('STS-CERT-026 error'));
  assert.match(await section.locator('.chain-path').innerText(), /No certificate could be read/);
  assert.equal(await section.locator('.cert').count(), 0);
});

test('an instant that is not RFC 3339 says why, and an empty one means now', async () => {
  await judge({ chain: leaf, host: 'localhost', roots: root, at: '4 December 2026' });
  const section = certificatePage();
  const error = section.locator('.field-error');
  assert.match(await error.innerText(), /not an RFC 3339 date-time/);
  assert.equal(await section.getByLabel('Judge at').getAttribute('aria-invalid'), 'true');
  assert.equal(await section.locator('.verdict').count(), 0);

  await section.getByLabel('Judge at').fill('');
  assert.equal(await error.count(), 0);
  assert.equal(await verdict(section), 'pass');
  const judgedAt = await section.locator('.reading').first().innerText();
  assert.match(judgedAt, /\(now, from this computer/);
});

test('the Policy page still works, and keeps what was typed', async () => {
  await navigation('Policy').click();
  const section = policyPage();
  await section.getByLabel('Text to check').waitFor();
  assert.equal(new URL(page.url()).hash, '#/policy');
  assert.ok(await certificatePage().isHidden());
  await section
    .getByLabel('Text to check')
    .fill('version: STSv1\nmode: enforce\nmx: mail.example.com.\nmax_age: 604800\n');
  assert.equal(await verdict(section), 'fail');
  assert.ok((await findings(section)).includes('STS-POLICY-012 error'));

  await page.goBack();
  await certificatePage().getByLabel('Certificate chain (PEM)').waitFor();
  assert.equal(await certificatePage().getByLabel('Host name').inputValue(), 'localhost');
  assert.equal(await verdict(certificatePage()), 'pass');
});

test('nothing pasted leaves the page', async () => {
  await page.waitForTimeout(300);
  const late = app.requests.slice(loadedRequests);
  assert.equal(app.requests.length, loadedRequests, late.join('\n'));
  for (const url of app.requests) {
    assert.ok(url.startsWith(app.origin + '/'), `request outside the test server: ${url}`);
  }
});
