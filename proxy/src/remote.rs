//! Gathering through a running proxy instead of connecting directly, for hosts where port 25 is
//! blocked: the policy fetch and the probes are asked of the proxy's API, and its answers are
//! the same facts. When the proxy cannot help (unreachable, rate-limited, refusing), the fact
//! says so as `not_gathered`, so the judge reports "could not test", never a verdict.

use std::time::Duration;

use mta_sts_check::facts::{PolicyFetch, SmtpProbe, fetch_from_proxy, probe_from_proxy};

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
        fetch_from_proxy(domain, self.call(&path).await)
    }

    pub(crate) async fn smtp(&self, domain: &str, host: &str, port: u16) -> SmtpProbe {
        let path = format!(
            "{}/api/v1/smtp?domain={domain}&host={host}",
            self.endpoint.path
        );
        probe_from_proxy(domain, host, port, self.call(&path).await)
    }

    /// The status and body of the proxy's answer, or why there is none, in words.
    async fn call(&self, path: &str) -> Result<(u16, Vec<u8>), String> {
        let headers = [
            ("x-requested-with", "mta-sts-check"),
            ("accept", "application/json"),
        ];
        self.endpoint
            .get(path, &headers, MAX_ANSWER_BYTES, REQUEST_TIMEOUT)
            .await
            .map_err(|failure| match failure {
                HttpFailure::Timeout => "the proxy did not answer in time".to_owned(),
                HttpFailure::Unreachable => "the proxy could not be reached".to_owned(),
                HttpFailure::Malformed => "the proxy's answer is not valid HTTP".to_owned(),
            })
    }
}
