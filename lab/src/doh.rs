//! The lab's DNS zone over DNS over HTTPS (RFC 8484): `GET /dns-query?dns=<base64url>` answered
//! with `application/dns-message`, over plain HTTP on loopback (browsers allow that for
//! `127.0.0.1`), with CORS open. A zone that stays silent for a name gets `504`.

use std::sync::{Arc, RwLock};

use base64ct::{Base64UrlUnpadded, Encoding};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::dns::{Zone, read_zone};

/// Starts the DoH listener for `zone`; its URL and its task.
pub(crate) async fn serve(zone: Arc<RwLock<Zone>>) -> std::io::Result<(String, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/dns-query", listener.local_addr()?);
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let zone = Arc::clone(&zone);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                    let zone = Arc::clone(&zone);
                    async move { Ok::<_, std::convert::Infallible>(answer(&zone, &request).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok((url, task))
}

async fn answer(zone: &RwLock<Zone>, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    crate::delay().await;
    let query = request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("dns="))
        .and_then(|encoded| Base64UrlUnpadded::decode_vec(encoded).ok());
    let (status, body) = match query {
        None => (StatusCode::BAD_REQUEST, Vec::new()),
        Some(query) => match read_zone(zone, &query) {
            Some(response) => (StatusCode::OK, response),
            None => (StatusCode::GATEWAY_TIMEOUT, Vec::new()),
        },
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        "content-type",
        hyper::header::HeaderValue::from_static("application/dns-message"),
    );
    headers.insert(
        "access-control-allow-origin",
        hyper::header::HeaderValue::from_static("*"),
    );
    headers.insert(
        "cache-control",
        hyper::header::HeaderValue::from_static("no-store"),
    );
    response
}
