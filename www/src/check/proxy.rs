//! The companion proxy's API, as the page calls it: the policy fetch and one STARTTLS probe per
//! MX host, each answered with facts. When the proxy cannot help (unreachable, rate-limiting,
//! busy, refusing), the fact says so as "not gathered", so the judge reports that the step could
//! not be tested, never a verdict on the server.

use mta_sts_check::facts::{
    PolicyFetch, SmtpProbe, accept_fetch, accept_probe, fetch_not_gathered, probe_not_gathered,
    proxy_refusal,
};

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
    match call(&url).await {
        Ok(body) => match serde_json::from_slice(&body) {
            Ok(fetch) => accept_fetch(domain, fetch),
            Err(_) => fetch_not_gathered(
                domain,
                "the proxy's answer is not a policy fetch".to_owned(),
            ),
        },
        Err(reason) => fetch_not_gathered(domain, reason),
    }
}

/// Probes MX host `host` of `domain` through the proxy at `base`.
pub(crate) async fn smtp(base: &str, domain: &str, host: &str) -> SmtpProbe {
    let url = format!("{base}/api/v1/smtp?domain={domain}&host={host}");
    let reason = match call(&url).await {
        Ok(body) => match serde_json::from_slice(&body) {
            Ok(probe) => return accept_probe(domain, host, SMTP_PORT, probe),
            Err(_) => "the proxy's answer is not a probe".to_owned(),
        },
        Err(reason) => reason,
    };
    probe_not_gathered(domain, host, SMTP_PORT, reason)
}

/// The body of a 200 answer, or why there is none, in words.
async fn call(url: &str) -> Result<Vec<u8>, String> {
    let headers = [
        ("x-requested-with", "mta-sts-check"),
        ("accept", "application/json"),
    ];
    match get(url, &headers, REQUEST_TIMEOUT_MS, MAX_ANSWER_BYTES).await {
        Ok((200, body)) => Ok(body),
        Ok((status, body)) => Err(proxy_refusal(status, &body)),
        Err(NetError::Timeout) => Err("the proxy did not answer in time".to_owned()),
        Err(NetError::Unreachable) => Err("the proxy could not be reached".to_owned()),
        Err(NetError::TooLarge) => Err("the proxy's answer was too large".to_owned()),
    }
}
