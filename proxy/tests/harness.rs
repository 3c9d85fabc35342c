//! What the proxy's tests share: a gatherer pointed at the lab's DNS server with short
//! deadlines, a connector that records every address it is asked to dial, and a helper that
//! sends a request through the whole router the way a browser would.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, unreachable_pub)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use mta_sts_check_lab::dns::DnsServer;
use mta_sts_check_proxy::guard::{CheckedAddress, Connect, ConnectFuture};
use mta_sts_check_proxy::resolve::Resolver;
use mta_sts_check_proxy::server::{ServerConfig, router};
use mta_sts_check_proxy::{Deadlines, GatherSettings, Gatherer};

/// Deadlines short enough for tests of stalling servers.
pub const TEST_DEADLINES: Deadlines = Deadlines {
    connect: Duration::from_secs(2),
    step: Duration::from_millis(1500),
    total: Duration::from_secs(4),
};

/// Settings for a lab: the lab's DNS server, these ports, private targets allowed or not.
pub fn settings(
    dns: &DnsServer,
    smtp_port: u16,
    https_port: u16,
    allow_private: bool,
) -> GatherSettings {
    let resolver = Resolver::with_server(dns.address).expect("a resolver for the lab");
    let mut settings = GatherSettings::new(resolver, "probe.lab.example".to_owned());
    settings.smtp_port = smtp_port;
    settings.https_port = https_port;
    settings.targets.allow_private_targets = allow_private;
    settings.deadlines = TEST_DEADLINES;
    settings
}

/// A router with generous limits, so only the test's subject limits anything.
pub fn app(settings: GatherSettings) -> Router {
    app_with(
        settings,
        ServerConfig {
            client_rate: mta_sts_check_proxy::server::Rate {
                burst: 1000,
                per_minute: 1000,
            },
            target_rate: mta_sts_check_proxy::server::Rate {
                burst: 1000,
                per_minute: 1000,
            },
            request_deadline: Duration::from_secs(10),
            cache_ttl: Duration::ZERO,
            ..ServerConfig::default()
        },
    )
}

pub fn app_with(settings: GatherSettings, config: ServerConfig) -> Router {
    router(Gatherer::new(settings), config)
}

/// A GET through the router from `peer`, with `X-Requested-With`; the status and the JSON body.
pub async fn get_json(app: &Router, uri: &str) -> (StatusCode, serde_json::Value) {
    get_json_from(app, uri, "192.0.2.10:40000".parse().expect("an address")).await
}

pub async fn get_json_from(
    app: &Router,
    uri: &str,
    peer: SocketAddr,
) -> (StatusCode, serde_json::Value) {
    let request = Request::get(uri)
        .header("x-requested-with", "test")
        .extension(ConnectInfo(peer))
        .body(Body::empty())
        .expect("a request");
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        serde_json::Value::String(String::from_utf8_lossy(&bytes).into_owned())
    });
    (status, json)
}

/// A connector that records each address it is asked for and sends every connection to
/// `redirect` (a lab listener) instead, or refuses when there is none.
#[derive(Default)]
pub struct RecordingConnector {
    pub attempts: Mutex<Vec<SocketAddr>>,
    pub redirect: Option<SocketAddr>,
}

impl Connect for RecordingConnector {
    fn connect(&self, address: CheckedAddress) -> ConnectFuture {
        self.attempts
            .lock()
            .expect("not poisoned")
            .push(address.socket_addr());
        let redirect = self.redirect;
        Box::pin(async move {
            match redirect {
                Some(target) => tokio::net::TcpStream::connect(target).await,
                None => Err(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
            }
        })
    }
}

impl RecordingConnector {
    pub fn attempts(&self) -> Vec<SocketAddr> {
        self.attempts.lock().expect("not poisoned").clone()
    }
}

/// Puts a recording connector into `settings` and hands it back for inspection.
pub fn record_connections(
    settings: &mut GatherSettings,
    redirect: Option<SocketAddr>,
) -> Arc<RecordingConnector> {
    let connector = Arc::new(RecordingConnector {
        attempts: Mutex::new(Vec::new()),
        redirect,
    });
    settings.connector = connector.clone();
    connector
}
