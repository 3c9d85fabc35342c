//! The HTTP server: the API, `/healthz`, and the built web app as static files, behind the
//! request log, the security headers and CORS. Connections are served by hyper directly so
//! that reading a request's headers has a deadline (no slow-loris) and the number of open
//! connections has a ceiling.

mod api;
mod cache;
mod client;
mod headers;
mod rate_limit;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::Instant;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use mta_sts_check::facts::{PolicyFetch, SmtpProbe};

use crate::gather::Gatherer;
use api::{ApiError, Outcome};
use cache::ResultCache;
use client::ClientKey;
pub use client::Network;
pub use rate_limit::Rate;
use rate_limit::RateLimiter;

/// Everything about the server that is not about gathering facts.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The built web app to serve, if any.
    pub static_dir: Option<PathBuf>,
    /// Origins other than the server's own whose pages may call the API.
    pub allowed_origins: Vec<String>,
    /// Origins the app may connect to besides its own (the DNS-over-HTTPS resolvers), for the
    /// Content-Security-Policy.
    pub connect_origins: Vec<String>,
    /// Requests per client (IPv4 address or IPv6 /64).
    pub client_rate: Rate,
    /// Probes and fetches per target host that are not answered from the cache.
    pub target_rate: Rate,
    /// Probes and fetches running at once, over all clients.
    pub max_in_flight: usize,
    /// How long a request waits for a free slot before the answer is "busy".
    pub queue_wait: Duration,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<Network>,
    /// The deadline of a whole API request.
    pub request_deadline: Duration,
    /// The deadline for a client to send a request's headers.
    pub header_read_timeout: Duration,
    /// How long results are reused.
    pub cache_ttl: Duration,
    /// Open client connections at most.
    pub max_connections: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            static_dir: None,
            allowed_origins: Vec::new(),
            connect_origins: Vec::new(),
            client_rate: Rate {
                burst: 24,
                per_minute: 30,
            },
            target_rate: Rate {
                burst: 10,
                per_minute: 30,
            },
            max_in_flight: 64,
            queue_wait: Duration::from_secs(10),
            trusted_proxies: Vec::new(),
            request_deadline: Duration::from_secs(50),
            header_read_timeout: Duration::from_secs(10),
            cache_ttl: Duration::from_secs(60),
            max_connections: 4096,
        }
    }
}

type Cached<T> = Result<Arc<T>, ApiError>;

/// The state the handlers share.
pub(crate) struct AppState {
    gatherer: Gatherer,
    config: ServerConfig,
    clients: RateLimiter<ClientKey>,
    targets: RateLimiter<String>,
    probes: Arc<Semaphore>,
    smtp_results: ResultCache<(String, String), Cached<SmtpProbe>>,
    policy_results: ResultCache<String, Cached<PolicyFetch>>,
    content_security_policy: HeaderValue,
}

/// The whole application as a router, ready to serve or to call in tests.
pub fn router(gatherer: Gatherer, config: ServerConfig) -> Router {
    let index_html = config
        .static_dir
        .as_ref()
        .and_then(|dir| std::fs::read_to_string(dir.join("index.html")).ok());
    let csp = headers::content_security_policy(index_html.as_deref(), &config.connect_origins);
    let state = Arc::new(AppState {
        gatherer,
        clients: RateLimiter::new(config.client_rate),
        targets: RateLimiter::new(config.target_rate),
        probes: Arc::new(Semaphore::new(config.max_in_flight)),
        smtp_results: ResultCache::new(config.cache_ttl),
        policy_results: ResultCache::new(config.cache_ttl),
        content_security_policy: HeaderValue::from_str(&csp)
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        config,
    });

    let api = Router::new()
        .route("/api/v1/smtp", get(api::smtp))
        .route("/api/v1/policy", get(api::policy))
        .layer(middleware::from_fn(require_requested_with))
        .layer(headers::cors(&state.config.allowed_origins));

    let mut app = Router::new().merge(api).route("/healthz", get(api::health));
    app = match &state.config.static_dir {
        Some(dir) => app.fallback_service(ServeDir::new(dir)),
        None => app.fallback(|| async { StatusCode::NOT_FOUND }),
    };
    app.layer(middleware::from_fn_with_state(
        Arc::clone(&state),
        security_headers,
    ))
    .layer(middleware::from_fn(log_request))
    .with_state(state)
}

/// A listener on `address` with room for a burst of connections: a page that checks a domain
/// opens a dozen at once, and the standard backlog of 128 overflows under load, which costs
/// clients a one-second SYN retransmission.
pub fn bind(address: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if address.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(4096)
}

/// Serves `app` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, app: Router, config: &ServerConfig) {
    let connections = Arc::new(Semaphore::new(config.max_connections));
    let header_read_timeout = config.header_read_timeout;
    loop {
        let Ok(permit) = Arc::clone(&connections).acquire_owned().await else {
            return;
        };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!(%error, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = app.map_request(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
            let result = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_read_timeout)
                .max_buf_size(64 * 1024)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .await;
            if let Err(error) = result {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
            drop(permit);
        });
    }
}

/// API requests must carry `X-Requested-With`, which no plain form or image request can, so
/// that pages of other origins need a CORS preflight to call the API.
async fn require_requested_with(request: Request, next: Next) -> Response {
    if request.headers().contains_key("x-requested-with") {
        return next.run(request).await;
    }
    let mut response = (
        StatusCode::FORBIDDEN,
        axum::Json(serde_json::json!({
            "error": "missing_requested_with",
            "message": "API requests must carry an X-Requested-With header",
        })),
    )
        .into_response();
    response
        .extensions_mut()
        .insert(Outcome("missing_requested_with"));
    response
}

async fn security_headers(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in headers::SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "content-security-policy",
        state.content_security_policy.clone(),
    );
    response
}

/// One log line per request: route, target, outcome, duration.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let target = request.uri().query().map(target_of).unwrap_or_default();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip().to_string())
        .unwrap_or_default();

    let response = next.run(request).await;
    let outcome = response
        .extensions()
        .get::<Outcome>()
        .map_or("ok", |Outcome(outcome)| outcome);
    tracing::info!(
        %method,
        route = %path,
        target = %target,
        status = response.status().as_u16(),
        outcome,
        peer = %peer,
        duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "request"
    );
    response
}

/// `domain` and `host` from a query string, for the log (cut short, control characters out).
fn target_of(query: &str) -> String {
    let parts = query
        .split('&')
        .filter(|pair| pair.starts_with("domain=") || pair.starts_with("host="))
        .collect::<Vec<_>>()
        .join(" ");
    parts
        .chars()
        .filter(|c| !c.is_control())
        .take(300)
        .collect()
}
