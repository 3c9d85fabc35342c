//! HTTPS policy hosts on loopback: each answers `GET /.well-known/mta-sts.txt` with a status,
//! headers and body set by the test, or stalls, over TLS with a certificate from the test CA.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use rustls::ServerConfig;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use crate::ConnectionCount;

/// What the host answers.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Waits this long before answering.
    pub delay: Duration,
}

impl Answer {
    /// `200` with `Content-Type: text/plain` and `body`.
    pub fn policy(body: &str) -> Self {
        Self {
            status: 200,
            headers: vec![("content-type", "text/plain".to_owned())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }
}

/// A running policy host; it stops when dropped.
pub struct PolicyHost {
    pub address: SocketAddr,
    pub connections: ConnectionCount,
    task: JoinHandle<()>,
}

impl PolicyHost {
    /// Starts a host on a free port of `ip` (a loopback address).
    pub async fn start(ip: &str, tls: Arc<ServerConfig>, answer: Answer) -> std::io::Result<Self> {
        let ip: std::net::IpAddr = ip.parse().map_err(std::io::Error::other)?;
        Self::start_at(SocketAddr::new(ip, 0), tls, answer).await
    }

    /// Starts a host at `address` (a loopback address and a port).
    pub async fn start_at(
        address: SocketAddr,
        tls: Arc<ServerConfig>,
        answer: Answer,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let connections = ConnectionCount::default();
        let count = Arc::clone(&connections);
        let acceptor = TlsAcceptor::from(tls);

        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let (acceptor, answer) = (acceptor.clone(), answer.clone());
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                        let answer = answer.clone();
                        async move {
                            let response = respond(&request, answer).await;
                            Ok::<_, std::convert::Infallible>(response)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        Ok(Self {
            address,
            connections,
            task,
        })
    }

    pub fn connection_count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for PolicyHost {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn respond(request: &Request<Incoming>, answer: Answer) -> Response<Full<Bytes>> {
    crate::delay().await;
    tokio::time::sleep(answer.delay).await;
    if request.uri().path() != "/.well-known/mta-sts.txt" {
        let mut response = Response::new(Full::new(Bytes::from_static(b"not found")));
        *response.status_mut() = hyper::StatusCode::NOT_FOUND;
        return response;
    }
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(answer.status).unwrap_or(hyper::StatusCode::OK);
    for (name, value) in answer.headers {
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}
