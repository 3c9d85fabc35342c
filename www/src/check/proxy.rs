//! The companion proxy's API, as the page calls it: the policy fetch and one STARTTLS probe per
//! MX host, each answered with facts. When the proxy cannot help (unreachable, rate-limiting,
//! busy, refusing), the fact says so as "not gathered", so the judge reports that the step could
//! not be tested, never a verdict on the server.

use mta_sts_check::facts::{PolicyFetch, SmtpProbe, fetch_from_proxy, probe_from_proxy};

use super::http::{NetError, get};

/// How long one request may take: the proxy's own deadline is 50 seconds.
const REQUEST_TIMEOUT_MS: i32 = 60_000;
/// The most bytes of an answer read: a probe of four addresses with their chains fits easily.
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;
/// The port the proxy probes; it reports the one it used.
const SMTP_PORT: u16 = 25;

/// Fetches the policy of `domain` through the proxy at `base` (no final `/`).
pub(crate) async fn policy(base: &str, domain: &str) -> PolicyFetch {
    let url = format!("{base}/api/v1/policy?domain={domain}");
    fetch_from_proxy(domain, call(&url).await)
}

/// Probes MX host `host` of `domain` through the proxy at `base`.
pub(crate) async fn smtp(base: &str, domain: &str, host: &str) -> SmtpProbe {
    let url = format!("{base}/api/v1/smtp?domain={domain}&host={host}");
    probe_from_proxy(domain, host, SMTP_PORT, call(&url).await)
}

/// The status and body of the proxy's answer, or why there is none, in words.
async fn call(url: &str) -> Result<(u16, Vec<u8>), String> {
    let headers = [
        ("x-requested-with", "mta-sts-check"),
        ("accept", "application/json"),
    ];
    get(url, &headers, REQUEST_TIMEOUT_MS, MAX_ANSWER_BYTES)
        .await
        .map_err(|error| match error {
            NetError::Timeout => "the proxy did not answer in time".to_owned(),
            NetError::Unreachable => "the proxy could not be reached".to_owned(),
            NetError::TooLarge => "the proxy's answer was too large".to_owned(),
        })
}
