// Shared by the browser tests: serves the built app (dist/) through the real proxy on a loopback
// port of its own, so that its Content-Security-Policy and headers are part of every test, and
// starts Debian's Chromium headless through playwright-core, recording every request the page
// makes so that tests can assert that pasted data never leaves the browser.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const proxyBinary =
  process.env.PROXY_BIN ??
  fileURLToPath(new URL('../../target/debug/mta-sts-check-proxy', import.meta.url));

/**
 * Starts the proxy serving dist/ on 127.0.0.1 at a free port, with `extraArgs` after its own;
 * resolves to { server, origin }, where `server.close()` stops it.
 */
export async function serveDist(extraArgs = []) {
  if (!existsSync(proxyBinary)) {
    throw new Error(`${proxyBinary} is missing: build it with cargo build -p mta-sts-check-proxy`);
  }
  const args = ['--listen', '127.0.0.1:0', '--static-dir', dist, ...extraArgs];
  const child = spawn(proxyBinary, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, RUST_LOG: 'info' },
  });
  const origin = await new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = log.match(/serving listen=(127\.0\.0\.1:\d+)/);
      if (match) resolve(`http://${match[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`the proxy exited with ${code}: ${log}`)));
  });
  return { server: { close: () => child.kill() }, origin };
}

/** Starts headless Chromium with the flags this machine needs, and a fresh profile. */
export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'mta-sts-check-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * Serves the app, opens it in Chromium at `path` and waits for it to start. Every HTTP request
 * and WebSocket the page opens is recorded in `requests`, so that tests can assert that nothing
 * pasted leaves the browser, and every Content-Security-Policy violation in `policyViolations`.
 * `proxyArgs` go to the proxy serving the app. Resolves to { page, origin, response, requests,
 * policyViolations, close }.
 */
export async function openApp({ path = '/#/policy', proxyArgs = [] } = {}) {
  const served = await serveDist(proxyArgs);
  const browser = await launchBrowser();
  const page = browser.pages()[0] ?? (await browser.newPage());
  const requests = [];
  const policyViolations = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => requests.push(socket.url()));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) policyViolations.push(message.text());
  });
  const response = await page.goto(served.origin + path);
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
  const close = async () => {
    await browser.close();
    served.server.close();
  };
  return { page, origin: served.origin, response, requests, policyViolations, close };
}

/**
 * Starts the scenario lab (`mta-sts-check-lab`) on loopback: DNS and DNS over HTTPS from zone
 * data, an SMTP server per MX host and an HTTPS policy host per domain, with certificates from
 * a test CA. Resolves to its settings ({ dns, doh, smtp_port, https_port, root_pem, scenarios })
 * and `close()`, which stops it.
 */
export async function startLab(args = []) {
  const binary =
    process.env.LAB_BIN ??
    fileURLToPath(new URL('../../target/debug/mta-sts-check-lab', import.meta.url));
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: build it with cargo build -p mta-sts-check-lab`);
  }
  const child = spawn(binary, args.map(String), { stdio: ['pipe', 'pipe', 'inherit'] });
  const settings = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0) resolve(JSON.parse(out.slice(0, end)));
    });
    child.on('exit', (code) => reject(new Error(`the lab exited with ${code}`)));
  });
  return { ...settings, close: () => child.stdin.end() };
}
