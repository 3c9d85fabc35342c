//! A DNS over HTTPS client (RFC 8484): each lookup is one `GET <url>?dns=<query>` with
//! `Accept: application/dns-message`, over TLS verified against Mozilla's roots, and the answer
//! is read by the core's DNS message reader. Plain `http:` is allowed only for loopback
//! addresses, for labs. A failure of the resolver itself is a DNS fact (`unreachable`,
//! `timeout`, `refused`), never a guess about the name.

use std::sync::Arc;
use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};
use hickory_resolver::proto::rr::RecordType as HickoryType;
use http_body_util::BodyExt;
use hyper::Request;
use hyper_util::rt::TokioIo;
use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::TlsConnector;

use mta_sts_check::dns_message::{MAX_MESSAGE_BYTES, RecordType, build_query, read_response};
use mta_sts_check::facts::{DnsAnswer, DnsStatus};

/// How long one lookup may take.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// A DoH resolver's address, taken apart.
#[derive(Debug)]
pub(crate) struct DohClient {
    tls: bool,
    host: String,
    port: u16,
    path: String,
    config: Arc<ClientConfig>,
}

impl DohClient {
    /// Reads `url`: `https://host[:port]/path`, or `http://` with a loopback host.
    pub(crate) fn new(url: &str) -> Result<Self, String> {
        let (tls, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(format!("the DoH URL {url:?} must start with https://"));
        };
        let (authority, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, "/dns-query"),
        };
        let (host, port) = split_authority(authority, if tls { 443 } else { 80 })
            .ok_or_else(|| format!("the DoH URL {url:?} has no valid host and port"))?;
        if !tls && !is_loopback(&host) {
            return Err(format!(
                "the DoH URL {url:?} uses plain http: only loopback resolvers may (for labs)"
            ));
        }
        if path.contains('?') || path.contains('#') {
            return Err(format!(
                "the DoH URL {url:?} must not carry a query or fragment"
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
            path: path.to_owned(),
            config: Arc::new(config),
        })
    }

    /// The lookup of `name` for `record_type`.
    pub(crate) async fn answer(&self, name: &str, record_type: HickoryType) -> DnsAnswer {
        let Some(kind) = record_kind(record_type) else {
            return DnsAnswer::empty(name, DnsStatus::Refused);
        };
        let Some(query) = build_query(name, kind) else {
            return DnsAnswer::empty(name, DnsStatus::Refused);
        };
        match timeout(LOOKUP_TIMEOUT, self.exchange(&query)).await {
            Err(_) => DnsAnswer::empty(name, DnsStatus::Timeout),
            Ok(Err(status)) => DnsAnswer::empty(name, status),
            Ok(Ok(response)) => read_response(&response, name, kind)
                .unwrap_or_else(|_| DnsAnswer::empty(name, DnsStatus::Refused)),
        }
    }

    async fn exchange(&self, query: &[u8]) -> Result<Vec<u8>, DnsStatus> {
        let stream = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|_| DnsStatus::Unreachable)?;
        let uri = format!(
            "{}?dns={}",
            self.path,
            Base64UrlUnpadded::encode_string(query)
        );
        let request = Request::get(uri)
            .header(hyper::header::HOST, &self.host)
            .header(hyper::header::ACCEPT, "application/dns-message")
            .body(http_body_util::Empty::<hyper::body::Bytes>::new())
            .map_err(|_| DnsStatus::Refused)?;

        if self.tls {
            let name = ServerName::try_from(self.host.clone()).map_err(|_| DnsStatus::Refused)?;
            let tls = TlsConnector::from(Arc::clone(&self.config))
                .connect(name, stream)
                .await
                .map_err(|_| DnsStatus::Unreachable)?;
            send(TokioIo::new(tls), request).await
        } else {
            send(TokioIo::new(stream), request).await
        }
    }
}

async fn send<T>(
    io: T,
    request: Request<http_body_util::Empty<hyper::body::Bytes>>,
) -> Result<Vec<u8>, DnsStatus>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|_| DnsStatus::Unreachable)?;
    let driver = tokio::spawn(connection);
    let result = async {
        let response = sender
            .send_request(request)
            .await
            .map_err(|_| DnsStatus::Unreachable)?;
        if !response.status().is_success() {
            return Err(DnsStatus::Refused);
        }
        let limited = http_body_util::Limited::new(response.into_body(), MAX_MESSAGE_BYTES);
        let body = limited.collect().await.map_err(|_| DnsStatus::Refused)?;
        Ok(body.to_bytes().to_vec())
    }
    .await;
    driver.abort();
    result
}

fn record_kind(record_type: HickoryType) -> Option<RecordType> {
    Some(match record_type {
        HickoryType::A => RecordType::A,
        HickoryType::AAAA => RecordType::Aaaa,
        HickoryType::MX => RecordType::Mx,
        HickoryType::TXT => RecordType::Txt,
        HickoryType::TLSA => RecordType::Tlsa,
        HickoryType::CNAME => RecordType::Cname,
        _ => return None,
    })
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
        let client = DohClient::new("https://dns.example/dns-query").expect("valid");
        assert_eq!(
            (client.host.as_str(), client.port, client.path.as_str()),
            ("dns.example", 443, "/dns-query")
        );
        let lab = DohClient::new("http://127.0.0.1:8053/q").expect("loopback http");
        assert_eq!((lab.port, lab.tls), (8053, false));
        assert!(DohClient::new("http://[::1]:53/dns-query").is_ok());
        assert!(DohClient::new("http://dns.example/dns-query").is_err());
        assert!(DohClient::new("ftp://dns.example/").is_err());
        assert!(DohClient::new("https://dns.example/dns-query?x=1").is_err());
        assert!(DohClient::new("https://:443/").is_err());
    }
}
