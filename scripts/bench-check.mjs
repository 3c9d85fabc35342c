// Measures the Check page against its critical path: the scenario lab on loopback with every
// server answering after LATENCY_MS (50 by default), the app served by the real proxy, headless
// Chromium checking fresh lab domains from their permalinks, the time each check took as the
// page measured it (from the start of gathering to the judgement shown).
//
// The critical path is counted from the protocol, not taken from a run: the longest chain of
// answers that must come one after another, each delayed by the lab's latency. For a domain
// with one MX host it is the STARTTLS probe's chain:
//   1. the page's DNS-over-HTTPS MX lookup (the probe needs the MX host's name),
//   2. the proxy's own MX lookup (it probes only hosts that are MX hosts of the domain),
//   3. the proxy's A and AAAA lookups of the MX host (asked at once),
//   4. the SMTP greeting, 5. the reply to EHLO, 6. the reply to STARTTLS,
//   7. the reply to EHLO inside TLS, 8. the reply to QUIT.
// The other chains are shorter: TXT lookups (1), TLSA after MX (2), the policy fetch through the
// proxy (A/AAAA of the policy host, then the HTTP response: 2). The lab does not delay TCP
// connections or the TLS handshake, so they add nothing to the count.
//
// Usage: node scripts/bench-check.mjs [RUNS]; needs dist/ (trunk build --release) and the lab
// and proxy binaries (cargo build -p mta-sts-check-lab -p mta-sts-check-proxy).

import { launchBrowser, serveDist, startLab } from '../tests/browser/harness.mjs';

const latency = Number(process.env.LATENCY_MS ?? 50);
const runs = Number(process.argv[2] ?? 7);
const SEQUENTIAL_ANSWERS = 8;
const criticalPath = SEQUENTIAL_ANSWERS * latency;

const lab = await startLab([runs, latency]);
const served = await serveDist([
  '--resolver', lab.dns,
  '--allow-private-targets',
  '--smtp-port', String(lab.smtp_port),
  '--https-port', String(lab.https_port),
  '--connect-origin', new URL(lab.doh).origin,
  '--cache-ttl', '0',
  '--client-burst', '1000',
  '--target-burst', '1000',
]);
const browser = await launchBrowser();
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${served.origin}/#/check`);
  await page.getByText('Settings: resolver, proxy, extra roots').click();
  await page.getByLabel('Extra trusted roots (PEM), for private labs').fill(lab.root_pem);
  await page.getByRole('button', { name: 'Save settings' }).click();

  const times = [];
  for (const domain of lab.bulk) {
    // A fresh domain each time, so that no cache along the way shortens the chain.
    await page.goto(`${served.origin}/?doh=${encodeURIComponent(lab.doh)}#/check/${domain}`);
    const result = page.locator(`.result[data-domain="${domain}"]`);
    await result.waitFor({ timeout: 30_000 });
    const summary = await result.locator('[data-summary]').getAttribute('data-summary');
    if (summary !== 'enforced') throw new Error(`${domain}: ${summary}, expected enforced`);
    times.push(Number(await result.locator('[data-elapsed-ms]').getAttribute('data-elapsed-ms')));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`latency per answer: ${latency} ms`);
  console.log(`critical path: ${SEQUENTIAL_ANSWERS} answers = ${criticalPath} ms`);
  console.log(`check times (ms, ${times.length} fresh domains): ${times.join(' ')}`);
  console.log(`median ${median} ms = ${(median / criticalPath).toFixed(2)} x the critical path ` +
    `(goal: at most 1.25)`);
  process.exitCode = median <= 1.25 * criticalPath ? 0 : 1;
} finally {
  await browser.close();
  served.server.close();
  lab.close();
}
