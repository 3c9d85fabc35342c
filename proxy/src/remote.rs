//! Gathering through a running proxy instead of connecting directly, for hosts where port 25 is
//! blocked: the policy fetch and the probes are asked of the proxy's API, and its answers are
//! the same facts. When the proxy cannot help (unreachable, rate-limited, refusing), the fact
//! says so as `not_gathered`, so the judge reports "could not test", never a verdict.

use std::time::Duration;

use mta_sts_check::facts::{
    PolicyFetch, SmtpProbe, accept_fetch, accept_probe, fetch_not_gathered, probe_not_gathered,
    proxy_refusal,
};

use crate::http_client::{Endpoint, HttpFailure};

/// The most bytes of a proxy answer read: a probe of four addresses with chains fits easily.
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;
/// How long one proxy request may take: the proxy's own deadline is 50 s.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// A proxy's API.
#[derive(Debug)]
pub(crate) struct RemoteProxy {
    endpoint: Endpoint,
}

impl RemoteProxy {
    pub(crate) fn new(url: &str) -> Result<Self, String> {
        Ok(Self {
            endpoint: Endpoint::new(url, "")?,
        })
    }

    pub(crate) async fn policy(&self, domain: &str) -> PolicyFetch {
        let path = format!("{}/api/v1/policy?domain={domain}", self.endpoint.path);
        match self.call(&path).await {
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

    pub(crate) async fn smtp(&self, domain: &str, host: &str, port: u16) -> SmtpProbe {
        let path = format!(
            "{}/api/v1/smtp?domain={domain}&host={host}",
            self.endpoint.path
        );
        let reason = match self.call(&path).await {
            Ok(body) => match serde_json::from_slice(&body) {
                Ok(probe) => return accept_probe(domain, host, port, probe),
                Err(_) => "the proxy's answer is not a probe".to_owned(),
            },
            Err(reason) => reason,
        };
        probe_not_gathered(domain, host, port, reason)
    }

    /// The body of a 200 answer, or why there is none.
    async fn call(&self, path: &str) -> Result<Vec<u8>, String> {
        let headers = [
            ("x-requested-with", "mta-sts-check"),
            ("accept", "application/json"),
        ];
        match self
            .endpoint
            .get(path, &headers, MAX_ANSWER_BYTES, REQUEST_TIMEOUT)
            .await
        {
            Ok((200, body)) => Ok(body),
            Ok((status, body)) => Err(proxy_refusal(status, &body)),
            Err(HttpFailure::Timeout) => Err("the proxy did not answer in time".to_owned()),
            Err(HttpFailure::Unreachable) => Err("the proxy could not be reached".to_owned()),
            Err(HttpFailure::Malformed) => Err("the proxy's answer is not valid HTTP".to_owned()),
        }
    }
}
