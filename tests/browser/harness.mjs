// Shared by the browser tests: serves the built app (dist/) on a loopback port of its own and
// starts Debian's Chromium headless through playwright-core, recording every request the page
// makes so that tests can assert that pasted data never leaves the browser.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/** Serves dist/ on 127.0.0.1 at a free port; resolves to { server, origin }. */
export async function serveDist() {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://127.0.0.1').pathname;
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
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
 * Serves the app, opens it in Chromium and waits for it to start. Every HTTP request and
 * WebSocket the page opens is recorded in `requests`, so that tests can assert that nothing
 * pasted leaves the browser. Resolves to { page, origin, requests, close }.
 */
export async function openApp() {
  const served = await serveDist();
  const browser = await launchBrowser();
  const page = browser.pages()[0] ?? (await browser.newPage());
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => requests.push(socket.url()));
  await page.goto(served.origin + '/');
  await page.getByLabel('Text to check').waitFor();
  const close = async () => {
    await browser.close();
    served.server.close();
  };
  return { page, origin: served.origin, requests, close };
}
