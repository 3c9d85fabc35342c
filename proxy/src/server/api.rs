//! The API handlers: `/api/v1/smtp`, `/api/v1/policy` and `/healthz`. Each validates its input,
//! counts the request against the client's and the target's limits, and hands the work to the
//! result cache, so that identical requests share one probe.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use tokio::sync::OwnedSemaphorePermit;
use tokio::time::timeout;

use mta_sts_check::facts::{PolicyFetch, SmtpProbe};
use mta_sts_check::parse_domain_input;

use super::AppState;
use super::client::{ClientKey, client_address};
use crate::gather::ProbeRefusal;

/// Why an API request got no facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ApiError {
    BadRequest(String),
    NotAnMxHost,
    MxLookupFailed,
    RateLimited { retry_after_secs: u64 },
    Busy,
    Deadline,
}

/// What went wrong, as the request log line names it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Outcome(pub(crate) &'static str);

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'static str,
    message: &'a str,
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            Self::BadRequest(message) => (StatusCode::BAD_REQUEST, "bad_request", message.clone()),
            Self::NotAnMxHost => (
                StatusCode::FORBIDDEN,
                "not_an_mx_host",
                "the host is not an MX host of the domain, so the proxy does not probe it"
                    .to_owned(),
            ),
            Self::MxLookupFailed => (
                StatusCode::BAD_GATEWAY,
                "mx_lookup_failed",
                "the domain's MX records could not be looked up".to_owned(),
            ),
            Self::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests; try again later".to_owned(),
            ),
            Self::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the proxy is busy; try again shortly".to_owned(),
            ),
            Self::Deadline => (
                StatusCode::GATEWAY_TIMEOUT,
                "deadline",
                "the request did not finish in time".to_owned(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        let mut response = (
            status,
            Json(ErrorBody {
                error: code,
                message: &message,
            }),
        )
            .into_response();
        if let Self::RateLimited { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response.extensions_mut().insert(Outcome(code));
        response
    }
}

/// `GET /healthz`.
pub(crate) async fn health() -> &'static str {
    "ok\n"
}

/// `GET /api/v1/smtp?domain=<DOMAIN>&host=<MX-HOST>`.
pub(crate) async fn smtp(
    State(state): State<Arc<AppState>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Arc<SmtpProbe>>, ApiError> {
    let query = parameters(query.as_deref());
    let domain = name_parameter(&query, "domain")?;
    let host = name_parameter(&query, "host")?;
    limit_client(&state, peer, &headers)?;

    let work_state = Arc::clone(&state);
    let (work_domain, work_host) = (domain.clone(), host.clone());
    let work = async move {
        let _permit = admit(&work_state, &work_host).await?;
        match work_state.gatherer.smtp(&work_domain, &work_host).await {
            Ok(probe) => Ok(Arc::new(probe)),
            Err(ProbeRefusal::NotAnMxHost) => Err(ApiError::NotAnMxHost),
            Err(ProbeRefusal::MxLookupFailed(_)) => Err(ApiError::MxLookupFailed),
        }
    };

    let result = timeout(
        state.config.request_deadline,
        state.smtp_results.get_or_run((domain, host), keep, work),
    )
    .await
    .map_err(|_| ApiError::Deadline)?;
    result.map(Json)
}

/// `GET /api/v1/policy?domain=<DOMAIN>`.
pub(crate) async fn policy(
    State(state): State<Arc<AppState>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<Arc<PolicyFetch>>, ApiError> {
    let query = parameters(query.as_deref());
    let domain = name_parameter(&query, "domain")?;
    limit_client(&state, peer, &headers)?;

    let work_state = Arc::clone(&state);
    let work_domain = domain.clone();
    let work = async move {
        let _permit = admit(&work_state, &format!("mta-sts.{work_domain}")).await?;
        Ok(Arc::new(work_state.gatherer.policy(&work_domain).await))
    };

    let result = timeout(
        state.config.request_deadline,
        state.policy_results.get_or_run(domain, keep, work),
    )
    .await
    .map_err(|_| ApiError::Deadline)?;
    result.map(Json)
}

/// Lets uncached work on `target` start: within the target's limit, and once a slot among
/// the work in flight is free (waiting at most the queue time). The permit holds the slot.
async fn admit(state: &AppState, target: &str) -> Result<OwnedSemaphorePermit, ApiError> {
    state
        .targets
        .take(&target.to_owned())
        .map_err(|wait| ApiError::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        })?;
    timeout(
        state.config.queue_wait,
        Arc::clone(&state.probes).acquire_owned(),
    )
    .await
    .map_err(|_| ApiError::Busy)?
    .map_err(|_| ApiError::Busy)
}

/// Whether a result may be cached: facts and refusals may, limits and overload may not.
fn keep<T>(result: &Result<T, ApiError>) -> bool {
    !matches!(result, Err(ApiError::RateLimited { .. } | ApiError::Busy))
}

/// The query string's parameters; the first of a repeated name counts, and malformed
/// percent-encoding is read leniently, as `form_urlencoded` does.
fn parameters(query: Option<&str>) -> HashMap<String, String> {
    let mut parameters = HashMap::new();
    for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        parameters
            .entry(name.into_owned())
            .or_insert_with(|| value.into_owned());
    }
    parameters
}

/// A required query parameter holding a domain name, in A-labels.
fn name_parameter(query: &HashMap<String, String>, name: &str) -> Result<String, ApiError> {
    let value = query
        .get(name)
        .ok_or_else(|| ApiError::BadRequest(format!("the `{name}` parameter is missing")))?;
    if value.len() > 1024 {
        return Err(ApiError::BadRequest(format!(
            "the `{name}` parameter is too long"
        )));
    }
    parse_domain_input(value).map_err(|error| ApiError::BadRequest(format!("`{name}`: {error}")))
}

fn limit_client(
    state: &AppState,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    let peer = peer.map_or(
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        |Extension(ConnectInfo(peer))| peer.ip(),
    );
    let client = ClientKey::of(client_address(peer, headers, &state.config.trusted_proxies));
    state
        .clients
        .take(&client)
        .map_err(|wait| ApiError::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        })
}
