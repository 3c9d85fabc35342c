//! The policy fetch: `GET https://mta-sts.<domain>/.well-known/mta-sts.txt` over HTTP/1.1,
//! with no redirects followed, nothing cached and no conditional headers, reading at most
//! 64 KiB of body. The policy host's chain is kept whatever its validity.

use std::net::IpAddr;

use base64ct::{Base64, Encoding};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, LOCATION};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::time::{Instant, timeout_at};

use mta_sts_check::facts::{
    FACTS_VERSION, FetchError, FetchErrorKind, FetchHeaders, FetchStep, PolicyFetch,
};

use crate::gather::GatherSettings;
use crate::guard::CheckedAddress;
use crate::resolve::DnsError;
use crate::tls::{Purpose, handshake};

/// The most body bytes read: RFC 8461 §3.3 suggests senders stop at 64 KiB.
pub const MAX_POLICY_BODY_BYTES: usize = 64 * 1024;

/// The path of the policy under the policy host (RFC 8461 §3.2).
pub use mta_sts_check::facts::POLICY_PATH;

/// Fetches the policy of `domain`.
pub(crate) async fn fetch_policy(settings: &GatherSettings, domain: &str) -> PolicyFetch {
    let started = Instant::now();
    let deadline = started + settings.deadlines.total;
    let host = format!("mta-sts.{domain}");
    let mut fetch = PolicyFetch {
        version: FACTS_VERSION,
        domain: domain.to_owned(),
        url: url(&host, settings.https_port),
        ..PolicyFetch::default()
    };

    if let Err(stop) = run(settings, &host, deadline, &mut fetch).await {
        fetch.error = Some(stop);
    }
    fetch.timings.total_ms = elapsed_ms(started);
    fetch
}

fn url(host: &str, port: u16) -> String {
    if port == 443 {
        format!("https://{host}{POLICY_PATH}")
    } else {
        format!("https://{host}:{port}{POLICY_PATH}")
    }
}

async fn run(
    settings: &GatherSettings,
    host: &str,
    deadline: Instant,
    fetch: &mut PolicyFetch,
) -> Result<(), FetchError> {
    let step_deadline = |limit| deadline.min(Instant::now() + limit);
    let step = settings.deadlines.step;

    let mark = Instant::now();
    fetch.addresses = match timeout_at(step_deadline(step), settings.resolver.addresses(host)).await
    {
        Ok(Ok(addresses)) => addresses,
        Ok(Err(DnsError::Failure)) => {
            return Err(error(
                FetchStep::Dns,
                FetchErrorKind::DnsFailure,
                format!("the addresses of {host} could not be looked up"),
            ));
        }
        Ok(Err(DnsError::Timeout)) | Err(_) => return Err(timeout(FetchStep::Dns)),
    };
    fetch.timings.dns_ms = Some(elapsed_ms(mark));
    if fetch.addresses.is_empty() {
        return Err(error(
            FetchStep::Dns,
            FetchErrorKind::NoAddresses,
            format!("{host} has no A or AAAA record"),
        ));
    }

    let (address, stream) = connect(settings, &fetch.addresses, step_deadline).await?;
    fetch.connected_to = Some(address.socket_addr().ip());
    fetch.timings.connect_ms = Some(elapsed_ms(mark) - fetch.timings.dns_ms.unwrap_or(0));

    let mark = Instant::now();
    let (tls, tls_facts) = timeout_at(step_deadline(step), handshake(stream, host, Purpose::Https))
        .await
        .map_err(|_| timeout(FetchStep::Tls))?
        .map_err(|failure| {
            let kind = if failure.version_too_old {
                FetchErrorKind::TlsVersionTooOld
            } else {
                FetchErrorKind::Handshake
            };
            error(FetchStep::Tls, kind, failure.detail)
        })?;
    fetch.timings.tls_ms = Some(elapsed_ms(mark));
    fetch.tls = Some(tls_facts);

    let mark = Instant::now();
    let (mut sender, connection) = timeout_at(
        step_deadline(step),
        hyper::client::conn::http1::handshake(TokioIo::new(tls)),
    )
    .await
    .map_err(|_| timeout(FetchStep::Response))?
    .map_err(|_| malformed(FetchStep::Response))?;
    let driver = AbortOnDrop(tokio::spawn(connection));

    let request = Request::get(POLICY_PATH)
        .header(hyper::header::HOST, authority(host, settings.https_port))
        .header(
            hyper::header::USER_AGENT,
            concat!("mta-sts-check/", env!("CARGO_PKG_VERSION")),
        )
        .header(hyper::header::ACCEPT, "text/plain")
        .header(hyper::header::CONNECTION, "close")
        .body(http_body_util::Empty::<hyper::body::Bytes>::new())
        .map_err(|_| malformed(FetchStep::Response))?;
    let response = timeout_at(step_deadline(step), sender.send_request(request))
        .await
        .map_err(|_| timeout(FetchStep::Response))?
        .map_err(|error| hyper_error(FetchStep::Response, &error))?;
    fetch.timings.response_ms = Some(elapsed_ms(mark));
    fetch.status = Some(response.status().as_u16());
    fetch.headers = headers(response.headers());

    let mark = Instant::now();
    let (body, truncated) = read_body(response, step_deadline(step)).await?;
    fetch.timings.body_ms = Some(elapsed_ms(mark));
    fetch.body_base64 = Some(Base64::encode_string(&body));
    fetch.body_truncated = truncated;
    drop(driver);
    Ok(())
}

/// Tries each allowed address in turn until one accepts the connection.
async fn connect(
    settings: &GatherSettings,
    addresses: &[IpAddr],
    step_deadline: impl Fn(std::time::Duration) -> Instant,
) -> Result<(CheckedAddress, tokio::net::TcpStream), FetchError> {
    let mut last_error = None;
    let mut refused = Vec::new();
    for &address in addresses {
        let checked = match settings.targets.check(address, settings.https_port) {
            Ok(checked) => checked,
            Err(purpose) => {
                refused.push(format!("{address} is {purpose}"));
                continue;
            }
        };
        match timeout_at(
            step_deadline(settings.deadlines.connect),
            settings.connector.connect(checked),
        )
        .await
        {
            Ok(Ok(stream)) => return Ok((checked, stream)),
            Ok(Err(io_error)) => last_error = Some(connect_error(&io_error)),
            Err(_) => last_error = Some(timeout(FetchStep::Connect)),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        error(
            FetchStep::Connect,
            FetchErrorKind::ForbiddenAddress,
            format!(
                "{}, not a public address: the proxy does not connect to it",
                refused.join("; ")
            ),
        )
    }))
}

async fn read_body(
    response: Response<Incoming>,
    deadline: Instant,
) -> Result<(Vec<u8>, bool), FetchError> {
    let mut body = response.into_body();
    let mut bytes = Vec::new();
    loop {
        let frame = timeout_at(deadline, body.frame())
            .await
            .map_err(|_| timeout(FetchStep::Body))?;
        let Some(frame) = frame else {
            return Ok((bytes, false));
        };
        let frame = frame.map_err(|error| hyper_error(FetchStep::Body, &error))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let room = MAX_POLICY_BODY_BYTES - bytes.len();
        if data.len() > room {
            bytes.extend_from_slice(&data[..room]);
            return Ok((bytes, true));
        }
        bytes.extend_from_slice(&data);
    }
}

fn headers(map: &HeaderMap) -> FetchHeaders {
    let text = |name| {
        map.get(name).map(|value: &hyper::header::HeaderValue| {
            String::from_utf8_lossy(value.as_bytes())
                .chars()
                .take(1000)
                .collect()
        })
    };
    FetchHeaders {
        content_type: text(CONTENT_TYPE),
        location: text(LOCATION),
        cache_control: text(CACHE_CONTROL),
        content_length: text(CONTENT_LENGTH),
    }
}

fn authority(host: &str, port: u16) -> String {
    if port == 443 {
        host.to_owned()
    } else {
        format!("{host}:{port}")
    }
}

/// Stops the connection task when the fetch ends, however it ends.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn connect_error(io_error: &std::io::Error) -> FetchError {
    let (kind, detail) = match io_error.kind() {
        std::io::ErrorKind::ConnectionRefused => {
            (FetchErrorKind::Refused, "the connection was refused")
        }
        std::io::ErrorKind::TimedOut => {
            (FetchErrorKind::Timeout, "the server did not answer in time")
        }
        _ => (
            FetchErrorKind::Unreachable,
            "the server could not be reached",
        ),
    };
    error(FetchStep::Connect, kind, detail.to_owned())
}

fn hyper_error(step: FetchStep, hyper_error: &hyper::Error) -> FetchError {
    if hyper_error.is_incomplete_message() || hyper_error.is_closed() {
        error(
            step,
            FetchErrorKind::Closed,
            "the server closed the connection early".to_owned(),
        )
    } else if hyper_error.is_parse() || hyper_error.is_parse_status() {
        malformed(step)
    } else {
        error(
            step,
            FetchErrorKind::Reset,
            "the connection failed".to_owned(),
        )
    }
}

fn malformed(step: FetchStep) -> FetchError {
    error(
        step,
        FetchErrorKind::Malformed,
        "the response is not valid HTTP/1.1".to_owned(),
    )
}

fn timeout(step: FetchStep) -> FetchError {
    error(
        step,
        FetchErrorKind::Timeout,
        "the server did not answer in time".to_owned(),
    )
}

fn error(step: FetchStep, kind: FetchErrorKind, detail: String) -> FetchError {
    FetchError { step, kind, detail }
}

fn elapsed_ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}
