//! A small HTTP/1.1 client for the two services the command line may call: a DNS over HTTPS
//! resolver and a running proxy. `https:` is verified against Mozilla's roots; plain `http:` is
//! allowed only for loopback hosts, for labs. One connection per request, bodies capped.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::rt::TokioIo;
use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::TlsConnector;

/// Where a service lives: scheme, host, port and base path.
#[derive(Debug)]
pub(crate) struct Endpoint {
    tls: bool,
    host: String,
    port: u16,
    /// The path from the URL, without a trailing slash.
    pub(crate) path: String,
    config: Arc<ClientConfig>,
}

/// Why a request got no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HttpFailure {
    Unreachable,
    Timeout,
    Malformed,
}

impl Endpoint {
    /// Reads `url`: `https://host[:port][/path]`, or `http://` with a loopback host.
    pub(crate) fn new(url: &str, default_path: &str) -> Result<Self, String> {
        let (tls, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(format!("the URL {url:?} must start with https://"));
        };
        let (authority, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, default_path),
        };
        let (host, port) = split_authority(authority, if tls { 443 } else { 80 })
            .ok_or_else(|| format!("the URL {url:?} has no valid host and port"))?;
        if !tls && !is_loopback(&host) {
            return Err(format!(
                "the URL {url:?} uses plain http: only loopback addresses may (for labs)"
            ));
        }
        if path.contains('?') || path.contains('#') {
            return Err(format!(
                "the URL {url:?} must not carry a query or fragment"
            ));
        }

        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| format!("cannot set up TLS: {error}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Self {
            tls,
            host,
            port,
            path: path.trim_end_matches('/').to_owned(),
            config: Arc::new(config),
        })
    }

    /// `GET path_and_query` with `headers`; the status and at most `max_body` bytes of body.
    pub(crate) async fn get(
        &self,
        path_and_query: &str,
        headers: &[(&str, &str)],
        max_body: usize,
        deadline: Duration,
    ) -> Result<(u16, Vec<u8>), HttpFailure> {
        let mut request = Request::get(path_and_query).header(hyper::header::HOST, &self.host);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(http_body_util::Empty::<hyper::body::Bytes>::new())
            .map_err(|_| HttpFailure::Malformed)?;
        timeout(deadline, self.exchange(request, max_body))
            .await
            .map_err(|_| HttpFailure::Timeout)?
    }

    async fn exchange(
        &self,
        request: Request<http_body_util::Empty<hyper::body::Bytes>>,
        max_body: usize,
    ) -> Result<(u16, Vec<u8>), HttpFailure> {
        let stream = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|_| HttpFailure::Unreachable)?;
        if self.tls {
            let name =
                ServerName::try_from(self.host.clone()).map_err(|_| HttpFailure::Malformed)?;
            let tls = TlsConnector::from(Arc::clone(&self.config))
                .connect(name, stream)
                .await
                .map_err(|_| HttpFailure::Unreachable)?;
            send(TokioIo::new(tls), request, max_body).await
        } else {
            send(TokioIo::new(stream), request, max_body).await
        }
    }
}

async fn send<T>(
    io: T,
    request: Request<http_body_util::Empty<hyper::body::Bytes>>,
    max_body: usize,
) -> Result<(u16, Vec<u8>), HttpFailure>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|_| HttpFailure::Unreachable)?;
    let driver = tokio::spawn(connection);
    let result = async {
        let response = sender
            .send_request(request)
            .await
            .map_err(|_| HttpFailure::Unreachable)?;
        let status = response.status().as_u16();
        let limited = http_body_util::Limited::new(response.into_body(), max_body);
        let body = limited
            .collect()
            .await
            .map_err(|_| HttpFailure::Malformed)?;
        Ok((status, body.to_bytes().to_vec()))
    }
    .await;
    driver.abort();
    result
}

/// `host[:port]`, or `[v6]:port`.
fn split_authority(authority: &str, default_port: u16) -> Option<(String, u16)> {
    if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(port) => port.parse().ok()?,
            None if after.is_empty() => default_port,
            None => return None,
        };
        return Some((host.to_owned(), port));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().ok()?),
        None => (authority, default_port),
    };
    (!host.is_empty()).then(|| (host.to_ascii_lowercase(), port))
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_https_or_loopback_http() {
        let remote = Endpoint::new("https://dns.example/dns-query", "/").expect("valid");
        assert_eq!(
            (remote.host.as_str(), remote.port, remote.path.as_str()),
            ("dns.example", 443, "/dns-query")
        );
        let lab = Endpoint::new("http://127.0.0.1:8053/q", "/").expect("loopback http");
        assert_eq!((lab.port, lab.tls), (8053, false));
        assert!(Endpoint::new("http://[::1]:53/dns-query", "/").is_ok());
        assert!(Endpoint::new("http://dns.example/dns-query", "/").is_err());
        assert!(Endpoint::new("ftp://dns.example/", "/").is_err());
        assert!(Endpoint::new("https://dns.example/dns-query?x=1", "/").is_err());
        assert!(Endpoint::new("https://:443/", "/").is_err());
    }
}
